/**
 * Business references of money effects: what makes two requests the same business fact, whatever
 * path they come by (another event, the reconciliation poller, a copied or different flow). The
 * defaults come from the Shopify order or refund that started the run: `$trigger.body` of a
 * Shopify event (an order on `orders/*`, a refund on `refunds/create`), or a bare order or refund
 * body handed to a manual or REST trigger.
 *
 * @module
 */
import type { ExecuteContext } from '@paybridge/engine';
import { fromShopifyMoney } from '../shopify/money';

/** An amount in minor units with its currency. */
export interface MinorMoney {
  readonly minor: number;
  readonly currency: string;
}

/** The Shopify facts a trigger carries; null where it carries none. */
export interface ShopifyTriggerFacts {
  readonly orderId: string | null;
  readonly refundId: string | null;
  /** What Shopify recorded as refunded by the refund (its successful refund transactions). */
  readonly refunded: MinorMoney | null;
}

const NONE: ShopifyTriggerFacts = { orderId: null, refundId: null, refunded: null };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idText(value: unknown): string | null {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return null;
}

/** Sum of a refund's successful (or pending) refund transactions, or null when unreadable. */
function refundedBy(body: Record<string, unknown>): MinorMoney | null {
  const transactions = Array.isArray(body['transactions']) ? body['transactions'] : [];
  let currency: string | null = null;
  let total = 0;
  for (const tx of transactions) {
    if (!isRecord(tx) || tx['kind'] !== 'refund') continue;
    if (tx['status'] === 'failure' || tx['status'] === 'error') continue;
    const code = typeof tx['currency'] === 'string' ? tx['currency'] : null;
    if (code === null || (currency !== null && code !== currency)) return null;
    currency = code;
    if (typeof tx['amount'] !== 'string') return null;
    try {
      total += fromShopifyMoney({ amount: tx['amount'], currencyCode: code }).minor;
    } catch {
      return null;
    }
  }
  return { minor: total, currency: currency ?? 'USD' };
}

function looksLikeRefund(body: Record<string, unknown>): boolean {
  const gid = body['admin_graphql_api_id'];
  if (typeof gid === 'string') return gid.startsWith('gid://shopify/Refund/');
  return 'order_id' in body && ('refund_line_items' in body || 'transactions' in body);
}

/** The Shopify order or refund a run's trigger carries. */
export function shopifyFactsOf(trigger: unknown): ShopifyTriggerFacts {
  if (!isRecord(trigger)) return NONE;
  const body = isRecord(trigger['body']) ? trigger['body'] : trigger;
  const topic = typeof trigger['topic'] === 'string' ? trigger['topic'] : '';
  const refund = topic ? topic.startsWith('refunds/') : looksLikeRefund(body);
  if (refund) {
    const orderId = idText(body['order_id']);
    const refundId = idText(body['id']);
    if (orderId === null || refundId === null) return NONE;
    return { orderId, refundId, refunded: refundedBy(body) };
  }
  if (topic && !topic.startsWith('orders/')) return NONE;
  const gid = body['admin_graphql_api_id'];
  if (!topic && typeof gid === 'string' && !gid.startsWith('gid://shopify/Order/')) return NONE;
  if (!topic && typeof gid !== 'string' && !('line_items' in body)) return NONE;
  return { orderId: idText(body['id']), refundId: null, refunded: null };
}

/** Reads `$trigger` of the run (the executor context evaluates it like any expression). */
export async function triggerFacts(ctx: Pick<ExecuteContext, 'evaluate'>) {
  return shopifyFactsOf(await ctx.evaluate('$trigger', null));
}

/** What a business reference is built from. */
export interface ReferenceParts {
  /** `paytrace`, `shopify`, `erp`. */
  readonly connector: string;
  /** The connection the effect goes through (its account). */
  readonly connectionId: string;
  /** `sale`, `authorization`, `capture`, `void`, `refund`, `payment`, … */
  readonly operation: string;
  /** The node's own reference (its config field), if set. */
  readonly custom?: string | undefined;
  /** The trigger's Shopify facts, for the defaults. */
  readonly shopify: ShopifyTriggerFacts;
  /** Whether the Shopify refund id belongs in the default (refund effects). */
  readonly perRefund?: boolean;
}

/**
 * `<connector>:<connection>:<operation>:<fact>`, where the fact is the node's own reference, or
 * `order:<id>` (with `:refund:<id>` for refunds from a Shopify refund); null when there is none,
 * so the effect falls back to the flow and event.
 */
export function businessReference(parts: ReferenceParts): string | null {
  const scope = `${parts.connector}:${parts.connectionId}:${parts.operation}`;
  if (parts.custom !== undefined) return `${scope}:ref:${parts.custom}`;
  const { orderId, refundId } = parts.shopify;
  if (orderId === null) return null;
  const refund = parts.perRefund && refundId !== null ? `:refund:${refundId}` : '';
  return `${scope}:order:${orderId}${refund}`;
}
