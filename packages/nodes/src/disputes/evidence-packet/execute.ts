/**
 * Executor of `dispute.evidence-packet`: reads the order, assembles, renders and stores.
 *
 * @module
 */
import { implementNode } from '../../define-node';
import type { ShopifyRuntime } from '../../shopify/client/runtime';
import { clientFor } from '../../shopify/nodes/shared/node-client';
import type { DisputeCases } from '../cases';
import { storeOrFail } from '../case/execute';
import { assemblePacket } from './assemble';
import { disputeEvidencePacketNode } from './definition';
import { packetPdf } from './pdf';
import { customerOrders, findEvidenceOrder, getEvidenceOrder } from './shopify-evidence';

/** Shopify search syntax: a value in double quotes, quotes and backslashes escaped. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** Builds the executor on the Shopify runtime and the case store. */
export function createEvidencePacketExecutor(
  shopify: ShopifyRuntime,
  cases: DisputeCases | undefined,
) {
  return implementNode(disputeEvidencePacketNode, async (ctx) => {
    const store = storeOrFail(cases);
    const { config } = ctx;
    const client = config.connectionId ? clientFor(shopify, ctx) : null;
    let order = null;
    if (client && config.orderId) {
      order = (await client.run(getEvidenceOrder, { id: config.orderId })).order;
    } else if (client && config.orderName) {
      const found = await client.run(findEvidenceOrder, {
        query: `name:${quoted(config.orderName)}`,
      });
      order = found.orders.nodes[0] ?? null;
    }
    const priorOrders =
      client && order?.customer
        ? (
            await client.run(customerOrders, {
              query: `customer_id:${order.customer.legacyResourceId}`,
            })
          ).orders.nodes
        : [];
    const packet = assemblePacket({
      notice: config.notice,
      order,
      priorOrders,
      transaction: config.transaction ?? null,
      notes: config.notes,
      now: ctx.now(),
    });
    const pdf = await packetPdf(packet);
    await store.storePacket(config.caseKey, packet, pdf, ctx.runId);
    return {
      output: {
        caseKey: config.caseKey,
        orderId: order?.id ?? null,
        orderName: order?.name ?? null,
        packet,
        pdfBytes: pdf.byteLength,
      },
    };
  });
}
