/**
 * `orderCancel` and what a cancellation reads: the order's cancellation state and the `Job`
 * Shopify cancels in (the mutation answers at once; the order is cancelled when the job runs).
 * Errors come in `orderCancelUserErrors` (the plain `userErrors` is deprecated).
 *
 * @module
 */
import { z } from 'zod';
import { defineMutation, defineQuery } from '../client/operation';
import { Gid, LegacyId, WireCodedUserError, WireUserError } from './wire';

/** `OrderCancelReason`. */
export const CANCEL_REASONS = [
  'CUSTOMER',
  'DECLINED',
  'FRAUD',
  'INVENTORY',
  'OTHER',
  'STAFF',
] as const;

/** An order's cancellation state. */
export const WireCancelState = z.object({
  id: Gid,
  legacyResourceId: LegacyId,
  name: z.string(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
});
export type WireCancelState = z.infer<typeof WireCancelState>;

/** The order's cancellation state. */
export const getOrderCancelState = defineQuery({
  name: 'GetOrderCancelState',
  document: `query GetOrderCancelState($id: ID!) {
  order(id: $id) { id legacyResourceId name cancelledAt cancelReason displayFinancialStatus }
}`,
  variables: z.object({ id: Gid }),
  data: z.object({ order: WireCancelState.nullable() }),
  cost: () => 1,
});

/** A background job; its id is not always numeric (`gid://shopify/Job/<uuid>`). */
const WireJob = z.object({ id: z.string().min(1), done: z.boolean() });

/** Polls a job. */
export const getJob = defineQuery({
  name: 'GetJob',
  document: 'query GetJob($id: ID!) { job(id: $id) { id done } }',
  variables: z.object({ id: z.string().min(1) }),
  data: z.object({ job: WireJob.nullable() }),
  cost: () => 1,
});

/** Cancels an order (in a background job). */
export const orderCancel = defineMutation({
  name: 'OrderCancel',
  document: `mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $refund: Boolean!,
  $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refund: $refund, restock: $restock,
    notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
    userErrors { field message }
  }
}`,
  variables: z.object({
    orderId: Gid,
    reason: z.enum(CANCEL_REASONS),
    refund: z.boolean(),
    restock: z.boolean(),
    notifyCustomer: z.boolean(),
    staffNote: z.string().nullable(),
  }),
  data: z.object({
    orderCancel: z.object({
      job: WireJob.nullable(),
      orderCancelUserErrors: z.array(WireCodedUserError),
      userErrors: z.array(WireUserError),
    }),
  }),
  userErrors: (data) =>
    data.orderCancel.orderCancelUserErrors.length > 0
      ? data.orderCancel.orderCancelUserErrors
      : data.orderCancel.userErrors,
});
