/**
 * The pay-link node's defaults, read from the Shopify order that started the run: what the
 * shopper owes, in which currency, for which lines, at which store.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { fromShopifyMoney } from '../../../shopify/money';
import type { PayLinkLine } from './pay-links';
import type { PaytracePayLinkConfig } from './definition';

/** What a pay link is issued for, every default applied. */
export interface PayLinkFacts {
  readonly orderRef: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly shopName: string;
  readonly lines: PayLinkLine[];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

function money(amount: unknown, currency: string): number | undefined {
  const decimal = text(amount);
  return decimal === undefined
    ? undefined
    : fromShopifyMoney({ amount: decimal, currencyCode: currency }).minor;
}

function orderLines(body: Record<string, unknown>, currency: string): PayLinkLine[] {
  const items = Array.isArray(body['line_items']) ? body['line_items'] : [];
  return items.slice(0, 250).map((raw) => {
    const item = record(raw);
    const quantity = typeof item['quantity'] === 'number' ? item['quantity'] : 1;
    const unit = money(item['price'], currency) ?? 0;
    return { title: text(item['title']) ?? 'Item', quantity, amountMinor: unit * quantity };
  });
}

function missing(what: string): PermanentError {
  return new PermanentError(
    'PAY_LINK_INCOMPLETE',
    `The pay link has no ${what}: set it on the node, or start the flow from a Shopify order`,
  );
}

/** The config's values, else the trigger's Shopify order; throws when a needed one is missing. */
export function payLinkFacts(config: PaytracePayLinkConfig, trigger: unknown): PayLinkFacts {
  const t = record(trigger);
  const body = record(t['body'] ?? trigger);
  const currency = config.currency ?? text(body['currency']) ?? 'USD';
  const orderRef = config.orderRef ?? text(body['id']);
  if (orderRef === undefined) throw missing('order reference');
  const amountMinor =
    config.amount ??
    money(body['total_outstanding'], currency) ??
    money(body['total_price'], currency);
  if (amountMinor === undefined || amountMinor < 1) throw missing('amount to pay');
  const lines =
    config.lines?.map((l) => ({ title: l.title, quantity: l.quantity, amountMinor: l.amount })) ??
    orderLines(body, currency);
  const shopName = config.shopName ?? text(t['shopDomain']) ?? 'Your order';
  return { orderRef, amountMinor, currency, shopName, lines };
}
