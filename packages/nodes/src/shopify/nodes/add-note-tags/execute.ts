import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { converge } from '../../client/converge';
import type { ShopifyClient } from '../../client/graphql-client';
import type { ShopifyRuntime } from '../../client/runtime';
import { orderUpdateNote, tagsAdd } from '../../graphql/order-mutations';
import { getOrderNoteTags } from '../../graphql/orders';
import { clientFor, notFound } from '../shared/node-client';
import {
  shopifyAddNoteTagsNode,
  type ShopifyAddNoteTagsConfig,
  type ShopifyNoteTagsResult,
} from './definition';
import { appendLine, missingTags, noteHasLine } from './merge';

interface NoteTags {
  id: string;
  legacyResourceId: string;
  note: string | null;
  tags: string[];
}

async function readOrder(client: ShopifyClient, orderId: string): Promise<NoteTags> {
  const { order } = await client.run(getOrderNoteTags, { id: orderId });
  if (!order) throw notFound('order', orderId);
  return order;
}

/**
 * Adds what is missing to `order` and returns what the order holds afterwards. Tags first:
 * `tagsAdd` never removes anything, so a lost answer there costs nothing but a re-read.
 */
export async function annotateOrder(
  client: ShopifyClient,
  orderId: string,
  tags: readonly string[],
  noteLine: string | undefined,
): Promise<ShopifyNoteTagsResult> {
  let first: NoteTags | undefined;
  return converge<NoteTags, ShopifyNoteTagsResult>({
    readFirst: true,
    read: () => readOrder(client, orderId),
    write: async (state) => {
      const order = state as NoteTags;
      first ??= order;
      const addTags = missingTags(order.tags, tags);
      if (addTags.length > 0) await client.run(tagsAdd, { id: orderId, tags: addTags });
      let note = order.note;
      if (noteLine && !noteHasLine(note, noteLine)) {
        const updated = await client.run(orderUpdateNote, {
          input: { id: orderId, note: appendLine(note, noteLine) },
        });
        note = updated.orderUpdate.order?.note ?? appendLine(note, noteLine);
      }
      return {
        orderId,
        legacyId: order.legacyResourceId,
        tagsAdded: missingTags(first.tags, tags),
        tags: [...order.tags, ...addTags],
        noteAppended: noteLine !== undefined && !noteHasLine(first.note, noteLine),
        note,
      };
    },
  });
}

/** The `shopify.add-note-tags` executor of one runtime. */
export function createShopifyAddNoteTagsExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyAddNoteTagsConfig> {
  return implementNode(shopifyAddNoteTagsNode, async (ctx) => {
    const { orderId, tags, noteLine } = ctx.config;
    const output = await annotateOrder(clientFor(runtime, ctx), orderId, tags, noteLine);
    return { port: 'out', output };
  });
}
