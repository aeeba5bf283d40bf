import type { FlowGraph } from '@paybridge/engine';
import { RestTriggerSecurity } from '@paybridge/nodes/definitions';

/**
 * Warnings about how a flow's REST trigger can be reached, for the flow API to return beside a
 * saved or fetched flow. A trigger without authentication is allowed (a quick test, a caller that
 * cannot sign) but anyone who learns its URL can start the flow, so the author is told every time.
 * Settings that do nothing (trusted proxies without an allow-list) are pointed out too. Invalid
 * settings produce no warning here: saving refuses them with field-level issues.
 *
 * @example
 * triggerWarnings(graph);
 * // ['REST trigger "trigger" (/hooks/orders) accepts requests without authentication: ...']
 */
export function triggerWarnings(graph: FlowGraph): string[] {
  const warnings: string[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'trigger.rest') continue;
    const where = `REST trigger "${node.id}" (/hooks/${String(node.config.path ?? '')})`;
    const parsed = RestTriggerSecurity.safeParse(node.config);
    if (!parsed.success) continue;
    const { auth, ipAllowList, trustedProxies } = parsed.data;
    if (auth.type === 'none') {
      warnings.push(
        `${where} accepts requests without authentication: anyone who knows the URL can start this flow${
          ipAllowList.length > 0 ? ' from the allowed addresses' : ''
        }. Choose bearer, basic, Standard Webhooks or Shopify HMAC.`,
      );
    }
    if (trustedProxies.length > 0 && ipAllowList.length === 0) {
      warnings.push(
        `${where} lists trusted proxies but no IP allow-list; the proxies have no effect.`,
      );
    }
  }
  return warnings;
}
