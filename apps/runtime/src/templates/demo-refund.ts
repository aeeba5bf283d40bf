/**
 * The demo's refund: made in the Shopify simulator through its admin API, as a merchant refunds
 * in Shopify's admin, so the `refunds/create` webhook starts the refund template's run.
 *
 * @module
 */
import type { z } from '@hono/zod-openapi';
import { toDecimalString } from '@paybridge/nodes/erp';
import type { Context } from 'hono';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import type { DemoRefundInput, DemoRefundResult } from './api-schemas';
import { answer, demoSimulators, installDemoFlows, post, runOf } from './demo-simulators';
import type { Template } from './template-catalog';

interface OrderView {
  currency: string;
  transactions: { kind: string; status: string; amount_minor: number }[];
}

/** What the order still holds in payments: received minus refunded, minor units. */
function refundable(order: OrderView): number {
  let left = 0;
  for (const t of order.transactions) {
    if (t.status !== 'success') continue;
    if (t.kind === 'sale' || t.kind === 'capture') left += t.amount_minor;
    if (t.kind === 'refund') left -= t.amount_minor;
  }
  return left;
}

/** Refunds `amount` (everything left when absent) of a demo order in the Shopify simulator. */
export async function demoRefund(
  deps: AppDeps,
  c: Context,
  templates: Template[],
  input: z.infer<typeof DemoRefundInput>,
): Promise<z.infer<typeof DemoRefundResult>> {
  const sandbox = demoSimulators(deps);
  const flows = await installDemoFlows(deps, c, templates);
  const res = await sandbox.shopify.request(`/__admin/orders/${input.shopifyOrderId}`);
  if (res.status === 404)
    throw new ApiError(
      404,
      'DEMO_ORDER_NOT_FOUND',
      `Shopify order ${input.shopifyOrderId} is not in the simulator`,
    );
  const { order } = await answer<{ order: OrderView }>(res, 'Reading the order');
  const left = refundable(order);
  const amount = input.amount ?? left;
  if (amount <= 0 || amount > left)
    throw new ApiError(
      422,
      'DEMO_REFUND_AMOUNT',
      left === 0
        ? `Shopify order ${input.shopifyOrderId} has no payment left to refund`
        : `amount must be between 1 and ${left} (minor units still paid on the order); got ${amount}`,
    );
  const { refund } = await answer<{ refund: { id: unknown } }>(
    await post(sandbox.shopify, `/__admin/orders/${input.shopifyOrderId}/refunds`, {
      amount: toDecimalString(amount, order.currency),
      note: 'Paybridge demo refund',
    }),
    'Refunding the demo order',
  );
  const refundId = String(refund.id);
  const refundFlow = flows.find((f) => f.templateId === 'refund-to-credit-memo')!;
  const runId = await runOf(deps, refundFlow.id, refundId);
  await deps.audit.record(c, {
    action: 'demo.refund',
    targetType: 'flow',
    targetId: refundFlow.id,
    details: { shopifyOrderId: input.shopifyOrderId, refundId, amount, runId },
  });
  return { refundId, runId };
}
