/**
 * The demo's second act: an order for a shopper PayTrace has never seen (no vault profile), so
 * order-to-cash sends a pay link instead of charging; the answer carries the link once the run
 * wrote it to the order, for the demo to open in a new tab.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../http/app-deps';
import type { DemoNewShopperResult } from './api-schemas';
import {
  answer,
  demoSimulators,
  installDemoFlows,
  placeDemoOrder,
  post,
  runOf,
  waitFor,
  type Simulator,
} from './demo-simulators';
import type { Template } from './template-catalog';

interface OrderView {
  metafields: { namespace: string; key: string; value: string }[];
}

/** The order's `paytrace.pay_link` metafield, once order-to-cash wrote it (bounded wait). */
function payLinkOf(shopify: Simulator, orderId: string) {
  return waitFor(async () => {
    const { order } = await answer<{ order: OrderView }>(
      await shopify.request(`/__admin/orders/${orderId}`),
      'Reading the demo order',
    );
    const link = order.metafields.find((m) => m.namespace === 'paytrace' && m.key === 'pay_link');
    return link ? link.value : null;
  });
}

/** Places an order for a new shopper without a vault profile (see the module comment). */
export async function demoNewShopper(
  deps: AppDeps,
  c: Context,
  templates: Template[],
): Promise<z.infer<typeof DemoNewShopperResult>> {
  const sandbox = demoSimulators(deps);
  const flows = await installDemoFlows(deps, c, templates);
  const tag = randomUUID().slice(0, 8);
  const { customer } = await answer<{ customer: { id: unknown } }>(
    await post(sandbox.shopify, '/__admin/customers', {
      first_name: 'New',
      last_name: `Shopper ${tag}`,
      email: `new.shopper.${tag}@example.com`,
    }),
    'Creating the new shopper',
  );
  const { shopifyOrderId, orderName } = await placeDemoOrder(sandbox.shopify, String(customer.id));
  const orderFlow = flows.find((f) => f.templateId === 'order-to-cash')!;
  const runId = await runOf(deps, orderFlow.id, shopifyOrderId);
  const payUrl = runId === null ? null : await payLinkOf(sandbox.shopify, shopifyOrderId);
  await deps.audit.record(c, {
    action: 'demo.new-shopper',
    targetType: 'flow',
    targetId: orderFlow.id,
    details: { shopifyOrderId, runId },
  });
  return { shopifyOrderId, orderName, runId, payUrl, flows };
}
