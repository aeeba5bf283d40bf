/**
 * Attaches the resolvers to the schema built from SDL, and tells interfaces and unions which
 * concrete type a value is (records carry their type name in `resource`).
 * @module
 */
import {
  isAbstractType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { addressResolvers } from './address.js';
import { customerResolvers } from './customer.js';
import { lineItemResolvers } from './line-items.js';
import { metafieldResolvers } from './metafield.js';
import { orderMutationResolvers } from './mutations-orders.js';
import { otherMutationResolvers } from './mutations-other.js';
import { fulfillmentResolvers, orderResolvers } from './order.js';
import { queryRootResolvers } from './query-root.js';
import { jobQueryResolvers, orderRiskResolvers, riskMutationResolvers } from './risk.js';
import { refundLineItemResolvers, refundResolvers, transactionResolvers } from './transaction.js';
import { webhookResolvers } from './webhook.js';

const RESOLVERS: Record<string, Record<string, unknown>> = {
  QueryRoot: { ...queryRootResolvers, ...jobQueryResolvers },
  Mutation: { ...orderMutationResolvers, ...otherMutationResolvers, ...riskMutationResolvers },
  Order: { ...orderResolvers, ...orderRiskResolvers },
  Fulfillment: fulfillmentResolvers,
  LineItem: lineItemResolvers,
  OrderTransaction: transactionResolvers,
  Refund: refundResolvers,
  RefundLineItem: refundLineItemResolvers,
  Customer: customerResolvers,
  MailingAddress: addressResolvers,
  Metafield: metafieldResolvers,
  WebhookSubscription: webhookResolvers,
};

function typeNameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const resource = (value as { resource?: unknown }).resource;
  if (typeof resource === 'string') return resource;
  if ('address1' in value && 'first_name' in value) return 'MailingAddress';
  return undefined;
}

/** Installs every resolver on `schema` (mutates it; build a fresh schema per simulator). */
export function attachResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(RESOLVERS)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`no object type ${typeName}`);
    const defined = type.getFields();
    for (const [name, resolve] of Object.entries(fields)) {
      const field = defined[name];
      if (!field) throw new Error(`no field ${typeName}.${name}`);
      field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) type.resolveType = (value) => typeNameOf(value);
  }
  return schema;
}
