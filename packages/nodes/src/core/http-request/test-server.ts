import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server saw: one entry per request that actually reached it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A running test server and what it received. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

type Route = (req: ReceivedRequest, res: http.ServerResponse, url: URL) => void;

const routes: Record<string, Route> = {
  '/json': (_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.end(JSON.stringify({ id: '820982911946154508', ok: true }));
  },
  '/text': (_req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end('plain words');
  },
  '/echo': (req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req));
  },
  '/bad-json': (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('<html>oops</html>');
  },
  '/status': (_req, res, url) => {
    const retryAfter = url.searchParams.get('retryAfter');
    if (retryAfter !== null) res.setHeader('retry-after', retryAfter);
    res.statusCode = Number(url.searchParams.get('code'));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: 'nope' }));
  },
  '/redirect': (_req, res, url) => {
    res.statusCode = Number(url.searchParams.get('status') ?? 302);
    res.setHeader('location', url.searchParams.get('to') ?? '/json');
    res.end();
  },
  '/hops': (_req, res, url) => {
    const left = Number(url.searchParams.get('n'));
    res.statusCode = 302;
    res.setHeader('location', left > 1 ? `/hops?n=${left - 1}` : '/json');
    res.end();
  },
  '/big': (_req, res, url) => {
    const size = Number(url.searchParams.get('size'));
    if (url.searchParams.has('declared')) res.setHeader('content-length', String(size));
    // Chunked unless declared: the limit must hold without a content-length too.
    for (let sent = 0; sent < size; sent += 1024)
      res.write('x'.repeat(Math.min(1024, size - sent)));
    res.end();
  },
  '/need-key': (req, res) => {
    // Accepts the key `k-good` in X-Api-Key, or Basic ann:pw-good.
    const basic = `Basic ${Buffer.from('ann:pw-good').toString('base64')}`;
    const ok = req.headers['x-api-key'] === 'k-good' || req.headers.authorization === basic;
    res.statusCode = ok ? 200 : 401;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(ok ? { me: 'ann' } : { error: 'invalid api key' }));
  },
  '/slow': () => {
    // Never answers; the client's timeout or cancellation must end the exchange.
  },
};

/** A real HTTP server on 127.0.0.1 with a random port, recording every request it gets. */
export async function startTestServer(): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const record: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(record);
      const url = new URL(record.url, 'http://test');
      const route = routes[url.pathname];
      if (route) return route(record, res, url);
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
