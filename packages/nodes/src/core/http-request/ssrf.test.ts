import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@paybridge/engine';
import type { LookupFunction } from '../../http/guarded-agent';
import { createTestContext } from '../../test-context';
import { httpRequestNode } from './definition';
import { createHttpRequestExecutor, type HttpRuntimeOptions } from './execute';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function request(options: HttpRuntimeOptions, url: string) {
  const executor = createHttpRequestExecutor(options);
  return executor.execute(createTestContext(httpRequestNode, { url, timeoutMs: 5_000 }));
}

/** A resolver that answers every name with fixed addresses, like a hostile DNS server would. */
function resolvingTo(...addresses: string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  return (_hostname, options, callback) => {
    if (options.all) return callback(null, entries);
    return callback(null, entries[0]?.address ?? '', entries[0]?.family);
  };
}

async function expectBlocked(promise: Promise<unknown>, host: string) {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(PermanentError);
  expect(error).toMatchObject({ code: 'SSRF_BLOCKED', details: { host } });
  expect((error as Error).message).toContain(host);
}

describe('http.request without an allow-list', () => {
  const closed = { allowPrivateCidrs: [] };

  it.each([
    ['loopback', (port: number) => `http://127.0.0.1:${port}/json`, '127.0.0.1'],
    ['localhost by name', (port: number) => `http://localhost:${port}/json`, 'localhost'],
    ['IPv6 loopback', (port: number) => `http://[::1]:${port}/json`, '::1'],
    [
      'IPv4-mapped loopback',
      (port: number) => `http://[::ffff:127.0.0.1]:${port}/json`,
      '::ffff:7f00:1',
    ],
    ['decimal loopback', (port: number) => `http://2130706433:${port}/json`, '127.0.0.1'],
    ['hex/short loopback', (port: number) => `http://0x7f.1:${port}/json`, '127.0.0.1'],
    ['unspecified 0.0.0.0', (port: number) => `http://0.0.0.0:${port}/json`, '0.0.0.0'],
  ])('blocks %s before any byte reaches the server', async (_label, url, host) => {
    const before = server.received.length;
    await expectBlocked(request(closed, url(server.port)), host);
    expect(server.received.length).toBe(before);
  });

  it.each([
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['mapped metadata', 'http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
    ['RFC 1918', 'http://10.0.0.1/', '10.0.0.1'],
    ['RFC 1918 (192.168/16)', 'https://192.168.0.1/', '192.168.0.1'],
    ['CGNAT', 'http://100.64.1.1/', '100.64.1.1'],
    ['unique-local IPv6', 'http://[fd00::1]/', 'fd00::1'],
    ['link-local IPv6', 'http://[fe80::1]/', 'fe80::1'],
  ])('blocks %s', async (_label, url, host) => {
    await expectBlocked(request(closed, url), host);
  });

  it('blocks a public-looking name whose DNS answer is private, at connect time', async () => {
    const options = { allowPrivateCidrs: [], lookup: resolvingTo('10.0.0.7') };
    await expectBlocked(request(options, 'https://rebind.example.com/'), 'rebind.example.com');
  });

  it('blocks a name whose DNS answer is an IPv4-mapped metadata address', async () => {
    const options = { allowPrivateCidrs: [], lookup: resolvingTo('::ffff:169.254.169.254') };
    await expectBlocked(request(options, 'http://metadata.example.com/'), 'metadata.example.com');
  });
});

describe('http.request with 127.0.0.1/32 allowed', () => {
  const open = { allowPrivateCidrs: ['127.0.0.1/32'] };

  it('reaches the allowed address, by IP and by a name that resolves to it', async () => {
    await expect(request(open, `${server.origin}/json`)).resolves.toMatchObject({
      output: { status: 200 },
    });
    const byName = { ...open, lookup: resolvingTo('127.0.0.1') };
    await expect(
      request(byName, `http://api.internal.example:${server.port}/json`),
    ).resolves.toMatchObject({ output: { status: 200 } });
  });

  it('connects only to the allowed addresses of a mixed DNS answer', async () => {
    const mixed = { ...open, lookup: resolvingTo('10.0.0.7', '127.0.0.1') };
    await expect(request(mixed, `http://mixed.example:${server.port}/json`)).resolves.toMatchObject(
      {
        output: { status: 200 },
      },
    );
  });

  it('still blocks everything outside the allowed network', async () => {
    await expectBlocked(request(open, `http://127.0.0.2:${server.port}/json`), '127.0.0.2');
    await expectBlocked(request(open, `http://[::1]:${server.port}/json`), '::1');
    await expectBlocked(request(open, 'http://169.254.169.254/'), '169.254.169.254');
  });

  it.each([
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/iam/', '169.254.169.254'],
    ['a mapped private address', 'http://[::ffff:10.0.0.1]/', '::ffff:a00:1'],
    ['a decimal private address', 'http://167772161/', '10.0.0.1'],
  ])('blocks a redirect from the allowed host to %s', async (_label, target, host) => {
    const url = `${server.origin}/redirect?to=${encodeURIComponent(target)}`;
    await expectBlocked(request(open, url), host);
  });

  it('blocks a redirect to a name that resolves to a private address', async () => {
    const options = { ...open, lookup: resolvingTo('10.0.0.7') };
    const url = `${server.origin}/redirect?to=${encodeURIComponent('http://internal.example/')}`;
    await expectBlocked(request(options, url), 'internal.example');
  });
});
