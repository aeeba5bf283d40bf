/** The payment gateways a Shopify resource names: an order's list, a refund's transactions'. */
export function gatewaysOf(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const record = body as Record<string, unknown>;
  const names: string[] = [];
  if (Array.isArray(record.payment_gateway_names)) {
    for (const name of record.payment_gateway_names) if (typeof name === 'string') names.push(name);
  }
  if (Array.isArray(record.transactions)) {
    for (const t of record.transactions) {
      const gateway = (t as Record<string, unknown> | null)?.gateway;
      if (typeof gateway === 'string') names.push(gateway);
    }
  }
  return names;
}

/**
 * Whether a flow filtering on `wanted` gateway names takes this resource. An empty filter takes
 * everything; otherwise the resource must name one of them (case and surrounding spaces ignored,
 * as merchants type manual method names by hand). A resource naming no gateway (a dispute, a
 * refund without transactions) does not pass a filter.
 */
export function matchesGateways(body: unknown, wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  const norm = (s: string) => s.trim().toLowerCase();
  const want = new Set(wanted.map(norm));
  return gatewaysOf(body).some((name) => want.has(norm(name)));
}
