import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusinessError, PermanentError, TransientError } from '@paybridge/engine';
import { createTestContext, expectOutput, type TestContextOptions } from '../../test-context';
import { httpRequestNode } from './definition';
import { createHttpRequestExecutor } from './execute';
import { startTestServer, type TestServer } from './test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const executor = createHttpRequestExecutor({
  allowPrivateCidrs: ['127.0.0.1/32'],
  maxResponseBytes: 64 * 1024,
});

async function call(config: Record<string, unknown>, options: TestContextOptions = {}) {
  const ctx = createTestContext(httpRequestNode, config, options);
  return executor.execute(ctx);
}

async function callOk(config: Record<string, unknown>) {
  const { port, output } = expectOutput(httpRequestNode, await call(config));
  expect(port).toBe('out');
  return output as { status: number; headers: Record<string, string>; body: unknown };
}

describe('http.request responses', () => {
  it('parses JSON responses and keeps large ids as the strings they were sent as', async () => {
    const output = await callOk({ url: `${server.origin}/json` });
    expect(output.status).toBe(200);
    expect(output.body).toEqual({ id: '820982911946154508', ok: true });
    expect(output.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(output.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('returns other content types as text', async () => {
    expect((await callOk({ url: `${server.origin}/text` })).body).toBe('plain words');
  });

  it('keeps a body that claims JSON but is not, as text, and warns', async () => {
    const ctx = createTestContext(httpRequestNode, { url: `${server.origin}/bad-json` });
    const result = await executor.execute(ctx);
    expect(result).toMatchObject({ output: { body: '<html>oops</html>' } });
    expect(ctx.logger.entries).toEqual([expect.objectContaining({ level: 'warn' })]);
  });

  it('has a null body for HEAD', async () => {
    const output = await callOk({ method: 'HEAD', url: `${server.origin}/json` });
    expect(output).toMatchObject({ status: 200, body: null });
  });
});

describe('http.request requests', () => {
  it('sends objects as JSON, appends query parameters and forwards headers', async () => {
    const output = await callOk({
      method: 'POST',
      url: `${server.origin}/echo?existing=1`,
      query: { page: '2', q: 'a b' },
      headers: { 'X-Api-Key': 'k-123' },
      body: { amount: 2599, currency: 'USD' },
    });
    const seen = output.body as { method: string; url: string; headers: Record<string, string> };
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/echo?existing=1&page=2&q=a+b');
    expect(seen.headers['x-api-key']).toBe('k-123');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(JSON.parse((output.body as { body: string }).body)).toEqual({
      amount: 2599,
      currency: 'USD',
    });
  });

  it('sends strings as text and respects a content type the user set', async () => {
    const text = await callOk({ method: 'PUT', url: `${server.origin}/echo`, body: 'a=1' });
    expect(text.body).toMatchObject({
      body: 'a=1',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    const form = await callOk({
      method: 'POST',
      url: `${server.origin}/echo`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.body).toMatchObject({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  });

  it.each([
    [{ url: 'ftp://example.com/file' }, 'a non-HTTP scheme'],
    [{ url: 'https://user:secret@example.com/' }, 'credentials in the URL'],
    [{ url: '/relative' }, 'a relative URL'],
    [{ url: 'https://example.com', body: { a: 1 } }, 'a GET with a body'],
    [{ url: 'https://example.com', timeoutMs: 50 }, 'a timeout under 100 ms'],
    [{ url: 'https://example.com', headers: { Host: 'internal' } }, 'a Host header'],
  ])('rejects %j (%s) on save', (config, _label) => {
    expect(httpRequestNode.config.safeParse(config).success).toBe(false);
  });
});

describe('http.request errors', () => {
  it('sends a 4xx to the error port with status and body, by default', async () => {
    const failure = call({ url: `${server.origin}/status?code=404` });
    await expect(failure).rejects.toBeInstanceOf(BusinessError);
    await expect(failure).rejects.toMatchObject({
      code: 'HTTP_404',
      details: { status: 404, body: { error: 'nope' } },
    });
  });

  it('emits a 4xx as normal output when failOnHttpError is off', async () => {
    const output = await callOk({
      url: `${server.origin}/status?code=422`,
      failOnHttpError: false,
    });
    expect(output).toMatchObject({ status: 422, body: { error: 'nope' } });
  });

  it.each([
    [500, undefined, undefined],
    [502, undefined, undefined],
    [503, '7', 7_000],
    [429, '120', 120_000],
    [429, 'Wed, 15 Jan 2025 12:00:30 GMT', 30_000],
  ])('retries %i (Retry-After %j → %j ms)', async (code, retryAfter, retryAfterMs) => {
    const query = retryAfter === undefined ? '' : `&retryAfter=${encodeURIComponent(retryAfter)}`;
    const failure = call(
      { url: `${server.origin}/status?code=${code}${query}`, failOnHttpError: false },
      { now: new Date('2025-01-15T12:00:00Z') },
    );
    await expect(failure).rejects.toBeInstanceOf(TransientError);
    await expect(failure).rejects.toMatchObject({ code: `HTTP_${code}`, retryAfterMs });
  });

  it('retries when the server cannot be reached', async () => {
    const failure = call({ url: 'http://127.0.0.1:1/' });
    await expect(failure).rejects.toMatchObject({ errorClass: 'transient', code: 'HTTP_NETWORK' });
  });

  it('times out after timeoutMs and retries', async () => {
    const started = Date.now();
    const failure = call({ url: `${server.origin}/slow`, timeoutMs: 200 });
    await expect(failure).rejects.toMatchObject({ errorClass: 'transient', code: 'HTTP_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops when the step is cancelled', async () => {
    const controller = new AbortController();
    const failure = call({ url: `${server.origin}/slow` }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(failure).rejects.toMatchObject({ code: 'HTTP_CANCELLED' });
  });

  it.each([
    ['declared in content-length', '&declared'],
    ['streamed without a length', ''],
  ])('fails permanently on a response over the limit (%s)', async (_label, declared) => {
    const failure = call({ url: `${server.origin}/big?size=${70 * 1024}${declared}` });
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({ code: 'HTTP_RESPONSE_TOO_LARGE' });
    expect((await callOk({ url: `${server.origin}/big?size=${60 * 1024}` })).body).toHaveLength(
      60 * 1024,
    );
  });
});

describe('http.request redirects', () => {
  it('follows up to 5 hops and fails permanently on the 6th', async () => {
    expect(await callOk({ url: `${server.origin}/hops?n=5` })).toMatchObject({ status: 200 });
    await expect(call({ url: `${server.origin}/hops?n=6` })).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'HTTP_TOO_MANY_REDIRECTS',
    });
  });

  it('turns a POST into a GET without body on 303, and keeps both on 307', async () => {
    const request = (status: number) =>
      callOk({
        method: 'POST',
        url: `${server.origin}/redirect?status=${status}&to=/echo`,
        body: { a: 1 },
      });
    expect((await request(303)).body).toMatchObject({ method: 'GET', body: '' });
    expect((await request(307)).body).toMatchObject({ method: 'POST', body: '{"a":1}' });
  });

  it('drops credentials when a redirect leaves the origin, and keeps them when it does not', async () => {
    const headers = { Authorization: 'Bearer secret', 'X-Trace': 't1' };
    const sameOrigin = await callOk({
      url: `${server.origin}/redirect?to=/echo`,
      headers,
    });
    expect(sameOrigin.body).toMatchObject({ headers: { authorization: 'Bearer secret' } });

    const otherOrigin = `http://localhost:${server.port}/echo`;
    const crossOrigin = await callOk({
      url: `${server.origin}/redirect?to=${encodeURIComponent(otherOrigin)}`,
      headers,
    });
    const seen = (crossOrigin.body as { headers: Record<string, string> }).headers;
    expect(seen.authorization).toBeUndefined();
    expect(seen['x-trace']).toBe('t1');
  });

  it('refuses a redirect to a non-HTTP scheme', async () => {
    const failure = call({
      url: `${server.origin}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`,
    });
    await expect(failure).rejects.toMatchObject({ code: 'HTTP_BAD_REDIRECT' });
  });
});

describe('http.request with a connection', () => {
  const pinned = () => [`127.0.0.1:${server.port}`];
  const header = () => ({
    type: 'http.header-auth',
    values: { headerName: 'X-Api-Key', value: 'k-good', allowedHosts: pinned() },
  });

  it('adds the header of a header-auth connection, replacing one typed in the config', async () => {
    const result = await call(
      { url: `${server.origin}/echo`, headers: { 'x-api-key': 'typed', 'X-Other': '1' } },
      { connection: header() },
    );
    const seen = (expectOutput(httpRequestNode, result).output as { body: any }).body;
    expect(seen.headers['x-api-key']).toBe('k-good');
    expect(seen.headers['x-other']).toBe('1');
  });

  it('sends HTTP Basic authorization for a basic-auth connection', async () => {
    const basic = { username: 'ann', password: 'pw-good', allowedHosts: pinned() };
    const result = await call(
      { url: `${server.origin}/need-key` },
      { connection: { type: 'http.basic-auth', values: basic } },
    );
    expect(expectOutput(httpRequestNode, result).output).toMatchObject({ body: { me: 'ann' } });
  });

  it('refuses to send the credentials to a host the connection is not pinned to', async () => {
    const before = server.received.length;
    // Same machine, other host name: pinning is by name, and nothing goes out.
    const failure = call({ url: `http://localhost:${server.port}/echo` }, { connection: header() });
    await expect(failure).rejects.toMatchObject({
      code: 'CONNECTION_HOST_NOT_ALLOWED',
      errorClass: 'permanent',
      message: expect.stringContaining(`localhost:${server.port}`),
    });
    expect(server.received.length).toBe(before);
  });

  it('fails a redirect to a host the connection is not pinned to, without following it', async () => {
    const before = server.received.length;
    const elsewhere = `http://localhost:${server.port}/echo`;
    const failure = call(
      { url: `${server.origin}/redirect?to=${encodeURIComponent(elsewhere)}` },
      { connection: header() },
    );
    await expect(failure).rejects.toMatchObject({
      code: 'CONNECTION_HOST_NOT_ALLOWED',
      message: expect.stringContaining(`localhost:${server.port}`),
    });
    // Only the redirecting request reached the server; the echo endpoint was never called.
    expect(server.received.slice(before).map((r) => r.url)).toEqual([
      `/redirect?to=${encodeURIComponent(elsewhere)}`,
    ]);
  });

  it("drops the connection's header when a redirect goes to another allowed origin", async () => {
    const otherOrigin = `http://localhost:${server.port}/echo`;
    const connection = header();
    connection.values.allowedHosts.push(`localhost:${server.port}`);
    const result = await call(
      { url: `${server.origin}/redirect?to=${encodeURIComponent(otherOrigin)}` },
      { connection },
    );
    const seen = (expectOutput(httpRequestNode, result).output as { body: any }).body;
    expect(seen.url).toBe('/echo');
    expect(seen.headers['x-api-key']).toBeUndefined();
  });

  it('sends nothing with a connection saved before hosts were pinned, and says why', async () => {
    const before = server.received.length;
    const legacy = { type: 'http.header-auth', values: { headerName: 'X-Api-Key', value: 'k' } };
    const failure = call({ url: `${server.origin}/echo` }, { connection: legacy });
    await expect(failure).rejects.toMatchObject({
      code: 'CONNECTION_HOST_NOT_ALLOWED',
      message: expect.stringContaining('an admin must set its Allowed hosts'),
    });
    expect(server.received.length).toBe(before);
  });

  it('fails as CONNECTION_INVALID when the stored values no longer fit the type', async () => {
    const broken = {
      type: 'http.header-auth',
      values: { headerName: 'Bad Name', value: 'x', allowedHosts: pinned() },
    };
    await expect(
      call({ url: `${server.origin}/echo` }, { connection: broken }),
    ).rejects.toMatchObject({ code: 'CONNECTION_INVALID', errorClass: 'permanent' });
  });

  it('declares an optional connection of the HTTP auth types in its spec and catalogue', () => {
    expect(httpRequestNode.connection).toEqual({
      type: ['http.header-auth', 'http.basic-auth'],
      field: 'connectionId',
      optional: true,
    });
  });
});

describe('http.request idempotency key', () => {
  const keyOf = (request: { headers: Record<string, unknown> }) =>
    request.headers['idempotency-key'] as string;

  it('sends the same Idempotency-Key on a retry and after a crash re-runs the step', async () => {
    const { memoryEffectStore } = await import('@paybridge/engine');
    const effects = memoryEffectStore();
    const before = server.received.length;
    const config = { method: 'POST', url: `${server.origin}/status?code=503`, body: { n: 1 } };
    await expect(call(config, { effects })).rejects.toBeInstanceOf(TransientError);
    await expect(call(config, { effects, attempt: 2 })).rejects.toBeInstanceOf(TransientError);
    // A worker that took over after a crash: another process, the same run's records.
    await expect(call(config, { effects: effects.forRun('run-1') })).rejects.toBeInstanceOf(
      TransientError,
    );
    const keys = server.received.slice(before).map(keyOf);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^PB[A-Z0-9]{16}$/);

    // Another event (or another node) gets another key.
    const other = effects.forEvent({ eventId: 'event-2', runId: 'run-2' });
    await expect(call(config, { effects: other })).rejects.toBeInstanceOf(TransientError);
    expect(keyOf(server.received.at(-1)!)).not.toBe(keys[0]);
  });

  it('keeps an Idempotency-Key the user set', async () => {
    const output = await callOk({
      url: `${server.origin}/echo`,
      headers: { 'Idempotency-Key': 'mine-1' },
    });
    expect((output.body as { headers: Record<string, string> }).headers['idempotency-key']).toBe(
      'mine-1',
    );
  });
});
