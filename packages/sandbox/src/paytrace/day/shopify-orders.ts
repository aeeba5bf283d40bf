/**
 * The Shopify side of a generated day, as the body of the Shopify simulator's
 * `POST /__admin/orders/bulk`: one paid order per settled sale (a voided one is cancelled), paid
 * through the PayTrace manual gateway, carrying `paytrace.transaction_id`, with the day's order
 * reference as its PO number. Orders the day left out of Shopify (`inShopify: false`) are not
 * in it. Plain JSON, so the two simulators stay independent of each other.
 * @module
 */
import type { DayManifest } from './manifest.js';

function decimal(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** The bulk-order body for a day's manifest. */
export function shopifyOrdersForDay(day: DayManifest): { orders: Record<string, unknown>[] } {
  const orders = day.transactions
    .filter((t) => (t.type === 'sale' || t.type === 'void') && t.inShopify)
    .map((t) => ({
      po_number: t.orderRef,
      currency: t.currency,
      financial_status: t.type === 'sale' ? 'paid' : 'pending',
      gateway: 'PayTrace',
      processed_at: t.createdAt,
      line_items: [
        { title: `Order ${t.orderRef}`, price: decimal(t.amount), quantity: 1, taxable: false },
      ],
      metafields: [
        {
          namespace: 'paytrace',
          key: 'transaction_id',
          type: 'single_line_text_field',
          value: t.transactionId,
        },
      ],
      ...(t.type === 'void' ? { cancel_reason: 'declined' } : {}),
    }));
  return { orders };
}
