import { client, unwrap } from '../api/client';

/**
 * The demo's next order, for a shopper without a vault profile: the runtime places it in the
 * Shopify simulator and answers the pay page URL the order flow's pay link leads to.
 */
export function placeNewShopperOrder() {
  return unwrap(client.api.demo['new-shopper'].$post());
}

/** Refunds the demo's last order in the Shopify simulator (all of it unless `amount` is given). */
export function refundDemoOrder(input: { shopifyOrderId: string; amount?: number }) {
  return unwrap(client.api.demo.refund.$post({ json: input }));
}

/** What the three systems hold for one demo order: Shopify order, PayTrace, ledger. */
export function getDemoResults(shopifyOrderId: string) {
  return unwrap(client.api.demo.results.$get({ query: { shopifyOrderId } }));
}

export type NewShopperOrder = Awaited<ReturnType<typeof placeNewShopperOrder>>;
export type DemoRefund = Awaited<ReturnType<typeof refundDemoOrder>>;
export type DemoResults = Awaited<ReturnType<typeof getDemoResults>>;
