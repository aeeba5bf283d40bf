import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { useHooksUrl } from '../../api/use-public-url';
import { CopyButton } from '../../ui/copy-button';

/** The URL callers use for a trigger's path, under the runtime's public base URL. */
export function triggerUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/hooks/${path.replace(/^\/+/, '')}`;
}

function curlFor(url: string, auth: string): string {
  const header =
    auth === 'bearer'
      ? ` \\\n  -H 'authorization: Bearer <token>'`
      : auth === 'basic'
        ? ` \\\n  -u '<user>:<password>'`
        : '';
  return `curl -X POST '${url}' \\\n  -H 'content-type: application/json'${header} \\\n  -d '{"id": "1001"}'`;
}

/**
 * For triggers called over HTTP (REST endpoints, webhooks): the full URL (under the runtime's
 * public URL, not the page's origin), how callers must authenticate, and a ready curl line, each
 * with a copy button.
 */
export function TriggerEndpoint({
  entry,
  config,
  active,
}: {
  entry: NodeCatalogEntry;
  config: Record<string, unknown>;
  active: boolean;
}) {
  const base = useHooksUrl();
  if (entry.type === 'trigger.shopify')
    return <ShopifyEndpoint base={base} config={config} active={active} />;
  if (entry.kind !== 'trigger' || !('path' in ((entry.configSchema.properties as object) ?? {}))) {
    return null;
  }
  const path = typeof config.path === 'string' ? config.path : '';
  if (!path) {
    return <p className="hint">Set a path to get this trigger’s URL.</p>;
  }
  const url = triggerUrl(base, path);
  const auth = (config.auth as { type?: string } | undefined)?.type ?? 'none';
  const mode = typeof config.mode === 'string' ? config.mode : 'async';
  return (
    <section className="endpoint" aria-label="Endpoint" data-testid="trigger-endpoint">
      <h3>Endpoint</h3>
      <div className="endpoint-row">
        <code data-testid="trigger-url">{url}</code>
        <CopyButton value={url} label="URL" />
      </div>
      <dl className="endpoint-facts">
        <dt>Authentication</dt>
        <dd>
          {auth === 'none' ? (
            <span className="warning-text">none: anyone who knows the URL can start this flow</span>
          ) : (
            auth
          )}
        </dd>
        <dt>Answer</dt>
        <dd>{mode === 'sync' ? 'waits for a Respond node' : '202 with the run id at once'}</dd>
        <dt>Live</dt>
        <dd>{active ? 'yes (active version)' : 'no: activate the flow to accept calls'}</dd>
      </dl>
      <div className="endpoint-row">
        <pre className="curl">{curlFor(url, auth)}</pre>
        <CopyButton value={curlFor(url, auth)} label="curl command" />
      </div>
    </section>
  );
}

/**
 * A Shopify trigger listens at `/hooks/shopify/<connection id>`: the store's webhook
 * subscriptions point there, and deliveries are checked with the connection's webhook secret.
 */
function ShopifyEndpoint({
  base,
  config,
  active,
}: {
  base: string;
  config: Record<string, unknown>;
  active: boolean;
}) {
  const connectionId = typeof config.connectionId === 'string' ? config.connectionId : '';
  if (!connectionId)
    return <p className="hint">Choose the store’s connection to get the webhook URL.</p>;
  const url = triggerUrl(base, `shopify/${connectionId}`);
  const topics = Array.isArray(config.topics) ? (config.topics as unknown[]).map(String) : [];
  return (
    <section className="endpoint" aria-label="Endpoint" data-testid="trigger-endpoint">
      <h3>Webhook URL for the store</h3>
      <div className="endpoint-row">
        <code data-testid="trigger-url">{url}</code>
        <CopyButton value={url} label="URL" />
      </div>
      <dl className="endpoint-facts">
        <dt>Authentication</dt>
        <dd>Shopify HMAC (X-Shopify-Hmac-Sha256) with the connection’s webhook secret</dd>
        <dt>Topics</dt>
        <dd>{topics.length ? topics.join(', ') : 'none chosen yet'}</dd>
        <dt>Live</dt>
        <dd>{active ? 'yes (active version)' : 'no: activate the flow to accept deliveries'}</dd>
      </dl>
    </section>
  );
}
