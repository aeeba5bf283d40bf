import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { CopyButton } from '../../ui/copy-button';

/** The public URL of a trigger's endpoint, from the page's origin and the trigger's path. */
export function triggerUrl(path: string): string {
  return `${window.location.origin}/hooks/${path.replace(/^\/+/, '')}`;
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
 * For triggers called over HTTP (REST endpoints, webhooks): the full URL, how callers must
 * authenticate, and a ready curl line, each with a copy button.
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
  if (entry.kind !== 'trigger' || !('path' in ((entry.configSchema.properties as object) ?? {}))) {
    return null;
  }
  const path = typeof config.path === 'string' ? config.path : '';
  if (!path) {
    return <p className="hint">Set a path to get this trigger’s URL.</p>;
  }
  const url = triggerUrl(path);
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
