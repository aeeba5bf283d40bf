import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { converge } from '../../client/converge';
import type { ShopifyClient } from '../../client/graphql-client';
import type { ShopifyRuntime } from '../../client/runtime';
import {
  getCustomerMetafields,
  getOrderMetafields,
  metafieldsSet,
  type MetafieldsSetInput,
} from '../../graphql/metafields';
import type { WireMetafield } from '../../graphql/wire';
import { normalizeId } from '../../ids';
import { toMetafield } from '../../records';
import { clientFor, notFound } from '../shared/node-client';
import {
  PAYTRACE_KEYS,
  PAYTRACE_NAMESPACE,
  shopifySetMetafieldsNode,
  type ShopifyMetafieldsResult,
  type ShopifySetMetafieldsConfig,
} from './definition';

/** The metafields a config asks for, PayTrace references first. */
export function wantedMetafields(
  config: ShopifySetMetafieldsConfig,
  ownerId: string,
): MetafieldsSetInput[] {
  const references = Object.entries(config.paytrace)
    .filter((entry): entry is [keyof typeof PAYTRACE_KEYS, string] => entry[1] !== undefined)
    .map(([field, value]) => ({
      ownerId,
      namespace: PAYTRACE_NAMESPACE,
      key: PAYTRACE_KEYS[field],
      type: 'single_line_text_field',
      value,
    }));
  return [...references, ...config.metafields.map((entry) => ({ ownerId, ...entry }))];
}

async function readOwner(
  client: ShopifyClient,
  ownerType: 'order' | 'customer',
  ownerId: string,
): Promise<WireMetafield[]> {
  const owner =
    ownerType === 'order'
      ? (await client.run(getOrderMetafields, { id: ownerId })).order
      : (await client.run(getCustomerMetafields, { id: ownerId })).customer;
  if (!owner) throw notFound(ownerType, ownerId);
  return owner.metafields.nodes;
}

/** The stored metafields matching every wanted one, or `undefined` while any differs. */
function alreadySet(
  stored: readonly WireMetafield[],
  wanted: readonly MetafieldsSetInput[],
): WireMetafield[] | undefined {
  const found: WireMetafield[] = [];
  for (const entry of wanted) {
    const match = stored.find((m) => m.namespace === entry.namespace && m.key === entry.key);
    if (!match || match.value !== entry.value || match.type !== entry.type) return undefined;
    found.push(match);
  }
  return found;
}

/**
 * Writes `wanted` atomically. `metafieldsSet` is sent once without looking (setting a value twice
 * is harmless); after a lost answer the owner is read and the write repeated only if missing.
 */
export async function setMetafields(
  client: ShopifyClient,
  ownerType: 'order' | 'customer',
  ownerId: string,
  wanted: readonly MetafieldsSetInput[],
): Promise<ShopifyMetafieldsResult> {
  return converge<WireMetafield[], ShopifyMetafieldsResult>({
    readFirst: false,
    read: () => readOwner(client, ownerType, ownerId),
    write: async (stored) => {
      const present = stored && alreadySet(stored, wanted);
      if (present) return { ownerId, metafields: present.map(toMetafield) };
      const answer = await client.run(metafieldsSet, { metafields: [...wanted] });
      return { ownerId, metafields: (answer.metafieldsSet.metafields ?? []).map(toMetafield) };
    },
  });
}

/** The `shopify.set-metafields` executor of one runtime. */
export function createShopifySetMetafieldsExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifySetMetafieldsConfig> {
  return implementNode(shopifySetMetafieldsNode, async (ctx) => {
    const { ownerType } = ctx.config;
    const owner = normalizeId(ownerType === 'order' ? 'Order' : 'Customer', ctx.config.ownerId);
    if ('error' in owner) throw new PermanentError('SHOPIFY_ID_INVALID', `ownerId: ${owner.error}`);
    const wanted = wantedMetafields(ctx.config, owner.gid);
    const output = await setMetafields(clientFor(runtime, ctx), ownerType, owner.gid, wanted);
    return { port: 'out', output };
  });
}
