/**
 * The gateway name Shopify gives a payment recorded with `orderMarkAsPaid` (Paybridge's "mark
 * paid" in full), and so the gateway of every refund transaction of such a payment. It says
 * nothing about how the money moved: the order's own `payment_gateway_names` do.
 */
export const MARK_PAID_GATEWAY = 'manual';

/** What a resource says about gateways, and whether its order's gateways are needed to decide. */
interface NamedGateways {
  names: string[];
  /** True when the resource's payments point at its order (a `manual` refund, no transactions). */
  needsOrder: boolean;
}

function record(body: unknown): Record<string, unknown> | null {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
}

function ownGateways(body: unknown): NamedGateways {
  const r = record(body);
  if (!r) return { names: [], needsOrder: false };
  const names: string[] = [];
  if (Array.isArray(r.payment_gateway_names)) {
    for (const name of r.payment_gateway_names) if (typeof name === 'string') names.push(name);
  }
  let transactionGateways = 0;
  let markPaid = false;
  if (Array.isArray(r.transactions)) {
    for (const t of r.transactions) {
      const gateway = record(t)?.gateway;
      if (typeof gateway !== 'string') continue;
      transactionGateways++;
      if (norm(gateway) === MARK_PAID_GATEWAY) markPaid = true;
      names.push(gateway);
    }
  }
  // A refund (it has an order) whose money went back through the mark-paid gateway, or that
  // names no gateway at all, was paid however its order was: look the order up.
  const hasOrder = typeof r.order_id === 'string' || typeof r.order_id === 'number';
  const needsOrder =
    hasOrder && !Array.isArray(r.payment_gateway_names) && (markPaid || transactionGateways === 0);
  return { names, needsOrder };
}

/**
 * The payment gateways a Shopify resource names: an order's `payment_gateway_names`, a refund's
 * transactions' gateways and, when given, the gateways its parent order named (as Paybridge
 * recorded them) if the refund's own say nothing useful.
 */
export function gatewaysOf(body: unknown, orderGateways?: readonly string[] | null): string[] {
  const own = ownGateways(body);
  return own.needsOrder && orderGateways ? [...own.names, ...orderGateways] : own.names;
}

/** The order a refund belongs to, when its parent order's gateways are needed to filter it. */
export function orderIdNeededForGateways(body: unknown): string | null {
  if (!ownGateways(body).needsOrder) return null;
  return String(record(body)?.order_id);
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Whether a flow filtering on `wanted` gateway names takes this resource. An empty filter takes
 * everything; otherwise the resource must name one of them (case and surrounding spaces ignored,
 * as merchants type manual method names by hand). A refund of an order Paybridge charged through
 * PayTrace and marked paid names the gateway `manual`: pass `orderGateways` (the order's
 * `payment_gateway_names`, e.g. `["PayTrace"]`) and it matches as its order would. A resource
 * naming no gateway (a dispute, a refund of an unknown order) does not pass a filter.
 */
export function matchesGateways(
  body: unknown,
  wanted: readonly string[],
  orderGateways?: readonly string[] | null,
): boolean {
  if (wanted.length === 0) return true;
  const want = new Set(wanted.map(norm));
  return gatewaysOf(body, orderGateways).some((name) => want.has(norm(name)));
}
