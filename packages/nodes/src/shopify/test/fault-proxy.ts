/**
 * A local proxy in front of the simulator that can lose answers: it forwards a request, lets the
 * simulator act on it, and then cuts the connection instead of answering (what a reset or timeout
 * after sending looks like to a client). It can also answer by itself (a 429) without forwarding.
 * Tests only.
 *
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request seen by the proxy. */
export interface ProxiedRequest {
  readonly path: string;
  /** `operationName` of a GraphQL body (the first name after `query`/`mutation`), if any. */
  readonly operation: string | undefined;
  readonly json: any;
}

/** What the proxy does with one request. */
export type ProxyAction =
  | 'forward'
  /** Forward, let the target act, then reset the connection: the outcome is lost. */
  | 'forward-then-reset'
  /** Reset after reading the request, without forwarding: looks the same to the client. */
  | 'reset'
  | { status: number; headers?: Record<string, string>; json?: unknown };

/** A running proxy. */
export interface FaultProxy {
  readonly origin: string;
  readonly seen: ProxiedRequest[];
  close(): Promise<void>;
}

function operationOf(json: any): string | undefined {
  const text = typeof json?.query === 'string' ? json.query : '';
  return /\b(?:query|mutation)\s+([A-Za-z_]\w*)/.exec(text)?.[1];
}

/** Starts a proxy to `target` on a free loopback port. */
export async function startFaultProxy(
  target: string,
  script: (request: ProxiedRequest, index: number) => ProxyAction,
): Promise<FaultProxy> {
  const seen: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
      const request = { path: req.url ?? '/', operation: operationOf(json), json };
      const action = script(request, seen.push(request) - 1);
      if (action === 'reset') {
        req.socket.destroy();
        return;
      }
      if (typeof action === 'object') {
        res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
        res.end(JSON.stringify(action.json ?? {}));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') {
          headers[name] = value;
        }
      }
      void fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'POST', headers, body })
        .then(async (response) => {
          const text = await response.text();
          if (action === 'forward-then-reset') {
            req.socket.destroy();
            return;
          }
          res.writeHead(response.status, {
            'content-type': response.headers.get('content-type') ?? 'application/json',
          });
          res.end(text);
        })
        .catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
