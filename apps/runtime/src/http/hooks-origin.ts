import type { MiddlewareHandler } from 'hono';
import { errorBody } from './api-error';
import { isHookPath } from './security-headers';

/**
 * With `PAYBRIDGE_HOOKS_URL` set, trigger endpoints are published on their own origin (say
 * `https://hooks.example.com`, proxied to this runtime) so that nothing a flow answers ever shares
 * an origin with the editor's session. Requests arriving under that host name get only the ingress
 * and the health probe: the editor and the API answer on the app's origin alone. `/hooks` on the
 * app's origin keeps working for senders configured before the split.
 */
export function hooksOriginOnly(
  hooksUrl: string | undefined,
  publicUrl: string | undefined,
): MiddlewareHandler {
  const host = (url: string | undefined) => (url === undefined ? null : new URL(url).host);
  // One host for both (the hooks URL only differs in path) is no separate origin: serve it all.
  const hooksHost =
    host(hooksUrl) === host(publicUrl) ? null : (host(hooksUrl)?.toLowerCase() ?? null);
  return async (c, next) => {
    if (hooksHost === null) return next();
    const host = (c.req.header('host') ?? '').toLowerCase();
    const path = c.req.path;
    if (host !== hooksHost || isHookPath(path) || path === '/healthz') return next();
    return c.json(
      errorBody('NOT_FOUND', `Only trigger endpoints (/hooks/…) are served on ${hooksHost}`),
      404,
    );
  };
}
