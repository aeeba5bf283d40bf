import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKED_ADDRESS_CODE, createGuardedFetch } from './guarded-fetch';

let server: Server;
let url: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('createGuardedFetch', () => {
  it('refuses loopback and metadata addresses before connecting, saying why', async () => {
    const guarded = createGuardedFetch({ allowPrivateCidrs: [] });
    try {
      for (const target of [url, 'http://169.254.169.254/latest/meta-data']) {
        const error = await guarded.fetch(target, { method: 'POST', body: '{}' }).then(
          () => null,
          (e: unknown) => e,
        );
        expect((error as { cause?: { code?: string } }).cause?.code).toBe(BLOCKED_ADDRESS_CODE);
      }
      expect(hits).toBe(0);
    } finally {
      await guarded.close();
    }
  });

  it('reaches a private address the allow-list admits', async () => {
    const guarded = createGuardedFetch({ allowPrivateCidrs: ['127.0.0.1/32'] });
    try {
      const res = await guarded.fetch(url, { method: 'POST', body: '{}' });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('ok');
      expect(hits).toBe(1);
    } finally {
      await guarded.close();
    }
  });
});
