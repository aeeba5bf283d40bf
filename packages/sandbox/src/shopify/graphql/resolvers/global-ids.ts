/**
 * Reading global id arguments and finding the record behind one. A malformed id is an error with
 * Shopify's wording; a well-formed id of another type or an unknown one finds nothing (`null`).
 * @module
 */
import { GraphQLError } from 'graphql';
import { parseGid, type ParsedGid } from '../../core/ids.js';
import { lineItemViews } from './line-items.js';
import { orderVisible } from './order-list.js';
import { shopValue } from './customer.js';
import type { GqlContext } from './shared.js';

/** Parses an `ID!` argument or throws `Invalid global id`. */
export function requireGid(value: unknown): ParsedGid {
  const parsed = typeof value === 'string' ? parseGid(value) : undefined;
  if (!parsed) {
    throw new GraphQLError(`Invalid global id '${String(value)}'`, {
      extensions: { code: 'argumentLiteralsIncompatible', typeName: 'CoercionError' },
    });
  }
  return parsed;
}

/** The record of a global id of the given type, or `null`. */
export function findTyped(ctx: GqlContext, value: unknown, type: string): unknown {
  const parsed = requireGid(value);
  return parsed.type === type ? findNode(ctx, parsed) : null;
}

/** The record behind any supported global id, or `null`. */
export function findNode(ctx: GqlContext, parsed: ParsedGid): unknown {
  const { state } = ctx.sim;
  switch (parsed.type) {
    case 'Order': {
      const order = state.orders.get(parsed.id);
      return order && orderVisible(ctx, order) ? order : null;
    }
    case 'Customer':
      return state.customers.get(parsed.id) ?? null;
    case 'Refund':
      return state.refunds.get(parsed.id) ?? null;
    case 'OrderTransaction':
      return state.transactions.get(parsed.id) ?? null;
    case 'Metafield':
      return state.metafields.get(parsed.id) ?? null;
    case 'WebhookSubscription':
      return state.subscriptions.get(parsed.id) ?? null;
    case 'LineItem': {
      for (const order of state.orders.values()) {
        const view = lineItemViews(order).find((v) => v.id === parsed.id);
        if (view) return view;
      }
      return null;
    }
    case 'Shop':
      return parsed.id === '1' ? shopValue(ctx.sim) : null;
    default:
      return null;
  }
}
