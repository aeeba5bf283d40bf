import type { Context, MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { HOOK_ANSWER_SECURITY_HEADERS } from '@paybridge/nodes/definitions';

/** Where the built editor's scripts live (Vite's `assets` directory). */
export const EDITOR_SCRIPT_PATH = '/assets/';

/**
 * The one source of scripts the editor's pages trust: the editor's own bundle directory on this
 * origin. Not `'self'`: that would also trust `/hooks/…`, whose answers a flow editor shapes, and
 * let a page of the app run them with the session of whoever opened it.
 */
function editorScripts(c: Context): string {
  return `${new URL(c.req.url).origin}${EDITOR_SCRIPT_PATH}`;
}

/** Whether a path is trigger ingress, answered by flows rather than by the app. */
export function isHookPath(path: string): boolean {
  return path === '/hooks' || path.startsWith('/hooks/');
}

/**
 * Security headers of every answer. The editor and API get a strict policy: scripts only from the
 * editor's bundle (no eval, no inline code, nothing under `/hooks`), no framing. Hook answers,
 * whatever a flow put in them and whether the flow or the ingress answered, are sandboxed (a
 * unique origin without scripts) and never sniffed, overriding anything set before. The
 * simulators imitate other services' pages (the Protect.js card iframe) and answer with those
 * services' own rules; the hosted pay page (`/pay/…`) sets its own.
 */
export function securityHeaders(): MiddlewareHandler {
  const strict = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: [editorScripts],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  });
  const hooks = secureHeaders({ xFrameOptions: 'DENY', referrerPolicy: 'no-referrer' });
  return async (c, next) => {
    const path = c.req.path;
    // The pay page sets its own strict policy (Protect.js's script and frames, a nonce).
    if (path.startsWith('/sandbox/') || path.startsWith('/pay/')) return next();
    if (!isHookPath(path)) return strict(c, next);
    await hooks(c, next);
    for (const [name, value] of Object.entries(HOOK_ANSWER_SECURITY_HEADERS)) {
      c.res.headers.set(name, value);
    }
  };
}
