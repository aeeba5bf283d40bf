/**
 * The simulator's Admin API schema: the SDL parts joined and built once with graphql-js.
 * Resolvers are attached separately (`../resolvers/index.ts`).
 * @module
 */
import { buildSchema, type GraphQLSchema } from 'graphql';
import { commonSdl } from './common.js';
import { customersSdl } from './customers.js';
import { metafieldsSdl } from './metafields.js';
import { ordersSdl } from './orders.js';
import { riskSdl } from './risk.js';
import { rootsSdl } from './roots.js';
import { transactionsSdl } from './transactions.js';
import { webhooksSdl } from './webhooks.js';

/** The full SDL text. */
export const ADMIN_SDL = [
  commonSdl,
  metafieldsSdl,
  ordersSdl,
  transactionsSdl,
  customersSdl,
  webhooksSdl,
  rootsSdl,
  riskSdl,
].join('\n');

/** Builds a fresh schema object (without resolvers). */
export function buildAdminSchema(): GraphQLSchema {
  return buildSchema(ADMIN_SDL);
}
