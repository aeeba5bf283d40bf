/**
 * `Metafield` fields and the `metafield`/`metafields` fields of every `HasMetafields` owner.
 * @module
 */
import { gid } from '../../core/ids.js';
import { appNamespace, metafieldDigest } from '../../store/metafields.js';
import type { SimCustomer, SimMetafield, SimOrder } from '../../store/records.js';
import { paginateList, type PageArgs } from '../connection.js';
import { dateTime, stringArg, type GqlContext, type TypeResolvers } from './shared.js';

function jsonValue(metafield: SimMetafield): unknown {
  const { type, value } = metafield;
  if (type === 'number_integer' || type === 'number_decimal') return Number(value);
  if (type === 'boolean') return value === 'true';
  if (
    type === 'json' ||
    type.startsWith('list.') ||
    ['money', 'weight', 'dimension', 'volume', 'rating'].includes(type)
  ) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** Resolvers of `Metafield`. */
export const metafieldResolvers: TypeResolvers<SimMetafield> = {
  id: (m) => gid('Metafield', m.id),
  legacyResourceId: (m) => m.id,
  jsonValue: (m) => jsonValue(m),
  compareDigest: (m) => metafieldDigest(m),
  createdAt: (m) => dateTime(m.createdAt),
  updatedAt: (m) => dateTime(m.updatedAt),
  owner: (m, _args, ctx) =>
    m.ownerType === 'ORDER'
      ? ctx.sim.state.orders.get(m.ownerId)
      : ctx.sim.state.customers.get(m.ownerId),
};

/** `metafield(namespace, key)` and `metafields(...)` of an owner. */
export function ownerMetafieldResolvers<P extends SimOrder | SimCustomer>(): TypeResolvers<P> {
  return {
    metafield: (owner, args, ctx: GqlContext) => {
      const namespace = stringArg(args, 'namespace') ?? appNamespace(ctx.sim);
      return owner.metafields.get(`${namespace}.${stringArg(args, 'key') ?? ''}`) ?? null;
    },
    metafields: (owner, args) => {
      const namespace = stringArg(args, 'namespace');
      const keys = Array.isArray(args.keys) ? (args.keys as string[]) : undefined;
      const list = [...owner.metafields.values()].filter(
        (m) =>
          (namespace === undefined || m.namespace === namespace) &&
          (keys === undefined || keys.includes(`${m.namespace}.${m.key}`)),
      );
      return paginateList(list, args as PageArgs, 'metafields');
    },
  };
}
