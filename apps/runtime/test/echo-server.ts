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
 * (as careless services do). `/mirror` echoes `x-api-key` reversed and split in three, in the
 * body and in an `x-echo` header, the way no string match could catch (401 with `?deny`).
 * Every other path answers 200 with `{ ok: true }`.
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
    if (req.url?.startsWith('/mirror')) {
      const reversed = [...String(req.headers['x-api-key'])].reverse().join('');
      const third = Math.ceil(reversed.length / 3);
      const parts = [0, 1, 2].map((i) => reversed.slice(i * third, (i + 1) * third));
      res.statusCode = req.url.includes('deny') ? 401 : 200;
      res.setHeader('x-echo', parts.join(' '));
      res.end(JSON.stringify({ parts }));
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
