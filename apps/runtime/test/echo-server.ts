import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP service for connection tests: records requests and checks an API key. */
export interface EchoServer {
  origin: string;
  received: { url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/**
 * `/check` answers 200 when `x-api-key` equals `expectedKey`, else 401 quoting the key it got
 * (as careless services do); every other path answers 200 with `{ ok: true }`.
 */
export async function startEchoServer(expectedKey: string): Promise<EchoServer> {
  const received: EchoServer['received'] = [];
  const server = createServer((req, res) => {
    received.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    if (req.url === '/check' && req.headers['x-api-key'] !== expectedKey) {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: `invalid key ${String(req.headers['x-api-key'])}` }));
      return;
    }
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
