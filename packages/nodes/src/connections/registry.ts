/**
 * Every connection type the product ships, browser-safe: the runtime validates and seals values
 * with these declarations, the editor draws connection forms from {@link connectionCatalog}.
 *
 * @module
 */
import { z } from 'zod';
import { JsonSchema } from '../catalog';
import type { AnyConnectionDefinition } from './define-connection';
import { httpBasicAuthConnection } from './http/basic-auth';
import { httpHeaderAuthConnection } from './http/header-auth';
import { webhookConnections } from '../trigger/rest/connections';
import { paytraceConnection } from '../paytrace/connection';
import { shopifyConnection } from '../shopify/connection';
import { quickbooksConnection } from '../erp/quickbooks/connection';
import { smtpConnection } from './smtp/connection';
import { alertWebhookConnection } from './alert-webhook/connection';

/**
 * Registration is this array: add a type's definition here and the API accepts it, the catalogue
 * lists it and its secret fields are sealed. Testers live apart (server-only) in `testers.ts`.
 */
export const connectionDefinitions = [
  httpHeaderAuthConnection,
  httpBasicAuthConnection,
  ...webhookConnections,
  shopifyConnection,
  paytraceConnection,
  quickbooksConnection,
  smtpConnection,
  alertWebhookConnection,
] as const satisfies readonly AnyConnectionDefinition[];

/** The union of shipped connection type names. */
export type ConnectionTypeName = (typeof connectionDefinitions)[number]['type'];

const byType = new Map<string, AnyConnectionDefinition>(
  connectionDefinitions.map((definition) => [definition.type, definition]),
);

/** The definition of a connection type; `undefined` for unknown types. */
export function lookupConnectionType(type: string): AnyConnectionDefinition | undefined {
  return byType.get(type);
}

/** One connection type as the editor and `GET /api/connection-types` see it: plain JSON. */
export const ConnectionCatalogEntry = z.object({
  type: z.string(),
  title: z.string(),
  description: z.string(),
  docs: z.string(),
  /** JSON Schema of the fields (as typed by a user: defaulted fields are optional). */
  fieldsSchema: JsonSchema,
  /** Fields that are write-only: sealed at rest, never returned. */
  secretFields: z.array(z.string()),
});
export type ConnectionCatalogEntry = z.infer<typeof ConnectionCatalogEntry>;

/** The connection catalogue, built on each call so callers own the result. */
export function connectionCatalog(): ConnectionCatalogEntry[] {
  return connectionDefinitions.map((definition: AnyConnectionDefinition) => ({
    type: definition.type,
    title: definition.title,
    description: definition.description,
    docs: definition.docs,
    fieldsSchema: z.toJSONSchema(definition.fields, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema,
    secretFields: [...definition.secretFields],
  }));
}
