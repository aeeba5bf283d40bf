import { defineTrigger, type TriggerGraphNode } from '../declare-trigger';
import { TRIGGER_AUTH_CONNECTION_TYPES } from './connections';
import { restTriggerNode } from './definition';
import { DEFAULT_REST_RATE_PER_MINUTE, RestTriggerRateLimit } from './rate-limit';
import { RestTriggerSecurity } from './trigger-auth';

/** The REST path a trigger node claims. */
function pathOf(node: TriggerGraphNode): string {
  return String(node.config.path ?? '');
}

/** A stored `rateLimit` with defaults; one that does not parse gets the default limit. */
function readRateLimit(config: unknown): { perMinute: number; burst: number } {
  const parsed = RestTriggerRateLimit.safeParse(
    (config as { rateLimit?: unknown } | null)?.rateLimit,
  );
  const perMinute = parsed.success ? parsed.data.perMinute : DEFAULT_REST_RATE_PER_MINUTE;
  const burst = parsed.success ? parsed.data.burst : undefined;
  return { perMinute, burst: burst ?? Math.max(1, perMinute) };
}

/**
 * The REST endpoint trigger: an HTTP path under `/hooks/`, unique among active flows, guarded by
 * the authentication and network rules in its settings.
 */
export const restTrigger = defineTrigger({
  node: restTriggerNode,
  channel: 'http',

  /** The path is the endpoint: one live flow per path. */
  onEnable(node, ctx) {
    ctx.claimEndpoint(pathOf(node));
  },

  /** Stored settings with defaults, read leniently: ingress must serve what was saved earlier. */
  endpoint(node) {
    const cfg = node.config as { mode?: string; timeoutMs?: number };
    return {
      mode: cfg.mode === 'sync' ? 'sync' : 'async',
      timeoutMs: typeof cfg.timeoutMs === 'number' ? cfg.timeoutMs : 10_000,
      rateLimit: readRateLimit(node.config),
    };
  },

  /** The settings' own authentication and network rules, defaults applied. */
  access(node) {
    const parsed = RestTriggerSecurity.safeParse(node.config ?? {});
    return parsed.success ? parsed.data : null;
  },

  /** The call as it came: method, path, headers (without credentials), query and parsed body. */
  toEvent(_node, { method, path, headers, query, body }) {
    return { ok: true, event: { method, path, headers, query, body } };
  },

  /**
   * The connection named by the trigger's authentication. It sits inside `auth`, not in a
   * top-level field a node spec's `connection` can describe, so the save-time existence check
   * needs it listed separately; the worker never resolves it (only ingress does).
   */
  connectionRefs(node, index) {
    const parsed = RestTriggerSecurity.safeParse(node.config);
    if (!parsed.success || parsed.data.auth.type === 'none') return [];
    const { auth } = parsed.data;
    return [
      {
        nodeId: node.id,
        connectionId: auth.connectionId,
        path: ['nodes', index, 'config', 'auth', 'connectionId'],
        type: TRIGGER_AUTH_CONNECTION_TYPES[auth.type],
      },
    ];
  },

  /**
   * A trigger without authentication is allowed (a quick test, a caller that cannot sign) but
   * anyone who learns its URL can start the flow, so the author is told every time. Settings
   * that do nothing (trusted proxies without an allow-list) are pointed out too. Invalid settings
   * produce no warning here: saving refuses them with field-level issues.
   */
  warnings(node) {
    const warnings: string[] = [];
    const where = `REST trigger "${node.id}" (/hooks/${pathOf(node)})`;
    const parsed = RestTriggerSecurity.safeParse(node.config);
    if (!parsed.success) return warnings;
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
    return warnings;
  },

  entryPoint(node) {
    return {
      kind: 'rest',
      path: `hooks/${pathOf(node)}`,
      topics: [],
      hint: 'POST events to this URL.',
    };
  },
});
