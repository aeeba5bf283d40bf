/**
 * A tiny local HTTP server for the Shopify client's tests: each request is answered by a script
 * the test writes, which can also cut the connection after reading the request (an answer lost
 * on the way back) or never answer. Tests only.
 *
 * @module
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the script sees it. */
export interface ScriptedRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The parsed JSON body, or `undefined`. */
  readonly json: any;
}

/** What the script answers. */
export type ScriptedAnswer =
  | { status?: number; headers?: Record<string, string>; json?: unknown; text?: string }
  | 'reset'
  | 'hang';

/** A running scripted server. */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly received: ScriptedRequest[];
  close(): Promise<void>;
}

/** Starts a server on a free loopback port. */
export async function startScriptedServer(
  script: (request: ScriptedRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>,
): Promise<ScriptedServer> {
  const received: ScriptedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const request: ScriptedRequest = { path: req.url ?? '/', headers: req.headers, text, json };
      const index = received.push(request) - 1;
      void Promise.resolve(script(request, index)).then((answer) => {
        if (answer === 'reset') {
          req.socket.destroy();
          return;
        }
        if (answer === 'hang') return;
        res.statusCode = answer.status ?? 200;
        for (const [name, value] of Object.entries(answer.headers ?? {}))
          res.setHeader(name, value);
        if (answer.json !== undefined) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(answer.json));
        } else {
          res.end(answer.text ?? '');
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A throttle status for answers: a roomy Standard bucket unless told otherwise. */
export function costExtension(currentlyAvailable = 1990, requested = 10) {
  return {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: requested,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 },
    },
  };
}
