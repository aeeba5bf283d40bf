/**
 * `orderCancel`: Shopify checks the request at once and cancels in a background job, answering a
 * `Job` to poll. When the job runs, open authorizations are released (Shopify: "that hold will be
 * automatically released when the order is cancelled, even if you choose not to refund"), what
 * was paid is refunded when `refund` is asked for, and the order is cancelled with
 * `orders/cancelled` + `orders/updated`, as the admin cancellation does. How long the job takes is
 * a setting (`orderCancelJobSeconds`, UNCONFIRMED); jobs live on their order, so they persist and
 * survive a restart with it.
 * @module
 */
import type { ShopContext } from '../context.js';
import { formatFixed } from '../core/money.js';
import { randomUuid } from '../core/random.js';
import { orderPayments } from './order-math.js';
import { cancelOrder } from './orders.js';
import type { SimCancelJob, SimCancellation, SimOrder } from './records.js';
import { createRefund } from './refunds.js';
import { saveOrder } from './save.js';
import type { ShopifyState } from './state.js';
import { announcePayment, recordTransaction, statusOf } from './transactions.js';

/** An `OrderCancelUserError`. */
export interface CancelUserError {
  field: string[] | null;
  message: string;
  code: 'INVALID' | 'NOT_FOUND';
}

/** What `orderCancel` was given (`reason` in the enum's spelling, e.g. `FRAUD`). */
export interface CancelRequest extends SimCancellation {
  reason: string;
}

/** Orders with a job not yet done, per state (built on first use, e.g. after a restart). */
const pendingByState = new WeakMap<ShopifyState, Set<string>>();

function pendingOrders(state: ShopifyState): Set<string> {
  let pending = pendingByState.get(state);
  if (!pending) {
    pending = new Set();
    for (const order of state.orders.values()) {
      if ((order.cancelJobs ?? []).some((j) => !j.done)) pending.add(order.id);
    }
    pendingByState.set(state, pending);
  }
  return pending;
}

/**
 * Checks and queues a cancellation. Refused (nothing queued): an unknown order, one already
 * cancelled, or one whose cancellation is still running (wording is the simulator's).
 */
export function requestCancel(
  sim: ShopContext,
  order: SimOrder | undefined,
  request: CancelRequest,
): { job: SimCancelJob | null; userErrors: CancelUserError[] } {
  const refuse = (error: CancelUserError) => ({ job: null, userErrors: [error] });
  if (!order) return refuse({ field: ['orderId'], message: 'Order not found', code: 'NOT_FOUND' });
  if (order.cancelledAt !== null) {
    return refuse({
      field: ['orderId'],
      message: 'Order has already been cancelled',
      code: 'INVALID',
    });
  }
  if ((order.cancelJobs ?? []).some((j) => !j.done)) {
    return refuse({
      field: ['orderId'],
      message: 'Order is already being cancelled',
      code: 'INVALID',
    });
  }
  const { reason, ...options } = request;
  const job: SimCancelJob = {
    id: `gid://shopify/Job/${randomUuid(sim.state.random)}`,
    dueAt: sim.now() + Math.max(0, sim.settings.orderCancelJobSeconds) * 1000,
    done: false,
    reason,
    options,
  };
  order.cancelJobs = [...(order.cancelJobs ?? []), job];
  pendingOrders(sim.state).add(order.id);
  saveOrder(sim, order.id);
  if (sim.settings.orderCancelJobSeconds <= 0) runJob(sim, order, job);
  return { job, userErrors: [] };
}

function releaseAuthorizations(sim: ShopContext, order: SimOrder): void {
  const open = order.transactions.filter(
    (t) =>
      t.kind === 'authorization' &&
      t.status === 'success' &&
      !order.transactions.some((c) => c.parentId === t.id && c.status === 'success'),
  );
  if (open.length === 0) return;
  const before = statusOf(sim, order);
  for (const auth of open) {
    recordTransaction(sim, order, {
      kind: 'void',
      gateway: auth.gateway,
      amountMinor: auth.amountMinor,
      parentId: auth.id,
      sourceName: 'admin',
    });
  }
  announcePayment(sim, order, before);
}

function runJob(sim: ShopContext, order: SimOrder, job: SimCancelJob): void {
  job.done = true;
  pendingOrders(sim.state).delete(order.id);
  if (order.cancelledAt !== null) {
    saveOrder(sim, order.id);
    return;
  }
  releaseAuthorizations(sim, order);
  const payments = orderPayments(sim.state, order);
  const paid = payments.received - payments.refunded;
  if (job.options.refund && paid > 0) {
    createRefund(sim, order, {
      amount: formatFixed(paid, order.currency),
      note: job.options.staffNote ?? 'Order cancelled',
    });
  }
  order.cancellation = { ...job.options };
  cancelOrder(sim, order, { reason: job.reason.toLowerCase() });
}

/** Runs the cancellation jobs that are due (called before each GraphQL request). */
export function runDueCancelJobs(sim: ShopContext): void {
  const pending = pendingOrders(sim.state);
  if (pending.size === 0) return;
  const now = sim.now();
  for (const id of [...pending]) {
    const order = sim.state.orders.get(id);
    const job = order?.cancelJobs?.find((j) => !j.done);
    if (!order || !job) pending.delete(id);
    else if (job.dueAt <= now) runJob(sim, order, job);
  }
}

/** The job with a `gid://shopify/Job/…` id, with its order, or `undefined`. */
export function findCancelJob(
  state: ShopifyState,
  id: string,
): { job: SimCancelJob; order: SimOrder } | undefined {
  for (const order of state.orders.values()) {
    const job = order.cancelJobs?.find((j) => j.id === id);
    if (job) return { job, order };
  }
  return undefined;
}
