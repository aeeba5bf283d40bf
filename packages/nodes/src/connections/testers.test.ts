import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../core/http-request/test-server';
import { connectionTesters } from './testers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const http = { allowPrivateCidrs: ['127.0.0.1/32'] };
const signal = () => AbortSignal.timeout(5000);
const headerTester = connectionTesters['http.header-auth']!;
const basicTester = connectionTesters['http.basic-auth']!;
const allowedHosts = () => [`127.0.0.1:${server.port}`];

describe('http auth connection testers', () => {
  it('pass on a 2xx answer to the test URL, sent with the credentials', async () => {
    const testUrl = `${server.origin}/need-key`;
    const header = {
      headerName: 'X-Api-Key',
      value: 'k-good',
      testUrl,
      allowedHosts: allowedHosts(),
    };
    expect(await headerTester(header, { signal: signal(), http })).toEqual({
      ok: true,
      message: `127.0.0.1:${server.port} answered 200`,
    });
    const basic = { username: 'ann', password: 'pw-good', testUrl, allowedHosts: allowedHosts() };
    expect(await basicTester(basic, { signal: signal(), http })).toMatchObject({ ok: true });
  });

  it("fail with the service's answer on wrong credentials", async () => {
    const values = {
      headerName: 'X-Api-Key',
      value: 'k-bad',
      testUrl: `${server.origin}/need-key`,
      allowedHosts: allowedHosts(),
    };
    expect(await headerTester(values, { signal: signal(), http })).toEqual({
      ok: false,
      message: `127.0.0.1:${server.port} answered 401: {"error":"invalid api key"}`,
    });
  });

  it('need a test URL, and obey the network policy of flows', async () => {
    expect(await headerTester({ headerName: 'X', value: 'v' }, { signal: signal() })).toMatchObject(
      { ok: false, message: expect.stringContaining('test URL') },
    );
    const values = {
      headerName: 'X-Api-Key',
      value: 'k-good',
      testUrl: `${server.origin}/need-key`,
      allowedHosts: allowedHosts(),
    };
    await expect(headerTester(values, { signal: signal() })).rejects.toThrow();
  });

  it('send nothing to a test URL outside the allowed hosts', async () => {
    const before = server.received.length;
    const values = {
      headerName: 'X-Api-Key',
      value: 'k-good',
      testUrl: `http://localhost:${server.port}/need-key`,
      allowedHosts: allowedHosts(),
    };
    // Refused on save; values stored otherwise (edited in the database) still send nothing.
    expect(await headerTester(values, { signal: signal(), http })).toMatchObject({ ok: false });
    expect(server.received.length).toBe(before);
  });
});
