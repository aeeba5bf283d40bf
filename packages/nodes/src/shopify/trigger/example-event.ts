/**
 * An `orders/create` delivery as the Shopify trigger hands it to the flow, shortened to the fields
 * payment flows read (REST shape, ids as strings). The editor shows it as the trigger's data in
 * the mapping editor before any sample is pinned or any run exists. Browser-safe.
 *
 * @module
 */

/** Example of a Shopify order webhook event (a made-up order; no real customer data). */
export const SHOPIFY_ORDER_EVENT_EXAMPLE = {
  topic: 'orders/create',
  shopDomain: 'example-store.myshopify.com',
  apiVersion: '2025-07',
  webhookId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
  triggeredAt: '2026-03-02T10:15:00.000Z',
  source: 'webhook',
  body: {
    id: '820982911946154508',
    admin_graphql_api_id: 'gid://shopify/Order/820982911946154508',
    name: '#1001',
    email: 'ada@example.com',
    created_at: '2026-03-02T10:14:58-05:00',
    currency: 'USD',
    financial_status: 'pending',
    payment_gateway_names: ['PayTrace'],
    subtotal_price: '45.00',
    total_price: '49.99',
    total_tax: '4.99',
    total_discounts: '0.00',
    total_outstanding: '49.99',
    total_shipping_price_set: { shop_money: { amount: '0.00', currency_code: 'USD' } },
    tags: '',
    note: null,
    test: true,
    customer: {
      id: '115310627314723954',
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
    },
    line_items: [
      {
        id: '866550311766439020',
        title: 'Blue mug',
        quantity: 1,
        price: '45.00',
        sku: 'MUG-BLUE',
      },
    ],
    billing_address: {
      first_name: 'Ada',
      last_name: 'Lovelace',
      address1: '1 Main St',
      city: 'Springfield',
      zip: '12345',
      country_code: 'US',
    },
  },
};
