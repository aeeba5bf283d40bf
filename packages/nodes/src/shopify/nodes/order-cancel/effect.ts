/**
 * Cancelling an order exactly once, on the Shopify write driver. The order is read first (one
 * cancelled already is done), `orderCancel` answers a job, which is polled for a few seconds
 * before the order is read back. A lost answer is looked up on the order; as Shopify cancels in a
 * background job, an order not yet showing it is only sent again after the unknown-outcome wait.
 *
 * @module
 */
import type { ShopifyClient } from '../../client/graphql-client';
import { sleep } from '../../client/waits';
import {
  getJob,
  getOrderCancelState,
  orderCancel,
  type WireCancelState,
} from '../../graphql/order-cancel';
import type { ShopifyEffect } from '../../payments/write-effect';
import { fingerprint } from '../../../effects/fingerprint';
import { notFound } from '../shared/node-client';
import { ShopifyOrderCancelWrite, type ShopifyOrderCancelConfig } from './definition';

/** How long the step polls the cancellation job, and how often. */
export const JOB_POLL = { attempts: 10, intervalMs: 500 } as const;

/** What to send. */
export type CancelRequest = Pick<
  ShopifyOrderCancelConfig,
  'orderId' | 'reason' | 'staffNote' | 'notifyCustomer' | 'refund' | 'restock'
>;

async function readState(client: ShopifyClient, orderId: string): Promise<WireCancelState> {
  const { order } = await client.run(getOrderCancelState, { id: orderId });
  if (!order) throw notFound('order', orderId);
  return order;
}

function resultOf(
  state: WireCancelState,
  action: ShopifyOrderCancelWrite['action'],
  jobId: string | null,
): ShopifyOrderCancelWrite {
  return {
    orderId: state.id,
    legacyId: state.legacyResourceId,
    orderName: state.name,
    action: action === 'requested' && state.cancelledAt !== null ? 'cancelled' : action,
    alreadyCancelled: action === 'none',
    cancelledAt: state.cancelledAt,
    cancelReason: state.cancelReason,
    financialStatus: state.displayFinancialStatus,
    jobId,
  };
}

/** The effect of cancelling, for `performShopifyWrite`. */
export function orderCancelEffect(
  client: ShopifyClient,
  request: CancelRequest,
  signal: AbortSignal,
): ShopifyEffect<ShopifyOrderCancelWrite> {
  const { orderId } = request;
  return {
    item: '',
    // Once per order: a retry with another reason or note finds the order cancelled.
    fingerprint: fingerprint({
      store: `${client.settings.baseUrl}|${client.settings.shopDomain}`,
      write: { kind: 'order-cancel', orderId },
    }),
    result: ShopifyOrderCancelWrite,
    couldLandTwice: true,
    conflictMessage: 'This step already cancelled another order under this reference',
    wrote: (r) => r.action !== 'none',

    async prepare() {
      const state = await readState(client, orderId);
      if (state.cancelledAt !== null) return { done: resultOf(state, 'none', null) };
      return {
        baseline: 'open',
        async send() {
          const answer = await client.run(orderCancel, {
            orderId,
            reason: request.reason,
            refund: request.refund,
            restock: request.restock,
            notifyCustomer: request.notifyCustomer,
            staffNote: request.staffNote ?? null,
          });
          const job = answer.orderCancel.job;
          let done = job?.done ?? false;
          for (let i = 0; job && !done && i < JOB_POLL.attempts; i++) {
            await sleep(JOB_POLL.intervalMs, signal);
            done = (await client.run(getJob, { id: job.id })).job?.done ?? false;
          }
          return resultOf(await readState(client, orderId), 'requested', job?.id ?? null);
        },
      };
    },

    async lookup() {
      const state = await readState(client, orderId);
      return state.cancelledAt === null ? undefined : resultOf(state, 'cancelled', null);
    },
  };
}
