import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { followUpEndpoints, reportEndpoints } from './endpoints';
import { createPaytraceClient } from './paytrace-client';
import { createPaytraceRuntime } from './runtime';
import { paytraceSettings } from './settings';

/** A scripted PayTrace stand-in under a path prefix, recording what it was sent. */
interface Seen {
  path: string;
  contentType: string;
  authorization: string;
  body: string;
}
type Reply = { status: number; body: string; headers?: Record<string, string> };

let server: http.Server;
let origin: string;
const seen: Seen[] = [];
let replies: Reply[] = [];
let tokens = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      seen.push({
        path,
        contentType: req.headers['content-type'] ?? '',
        authorization: req.headers.authorization ?? '',
        body: Buffer.concat(chunks).toString(),
      });
      if (path === '/prefix/oauth/token') {
        tokens += 1;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ access_token: `tok-${tokens}`, expires_in: 7200 }));
        return;
      }
      const reply = replies.shift() ?? { status: 500, body: 'no reply scripted' };
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  replies = [];
});

function client(values: Record<string, unknown> = {}) {
  const runtime = createPaytraceRuntime({
    http: { allowPrivateCidrs: [] },
    paytrace: { simulatorUrl: `${origin}/prefix` },
  });
  const settings = paytraceSettings(
    { username: 'u', password: 'p', environment: 'simulator', requestTimeoutSeconds: 2, ...values },
    runtime.simulatorUrl,
  );
  return createPaytraceClient(runtime, settings, new AbortController().signal);
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});
const voidCall = (c: ReturnType<typeof client>) =>
  c.call(followUpEndpoints.void, { transaction_id: '125391271' });

describe('PayTrace client', () => {
  it('posts a form-encoded password grant, then JSON with the bearer token and integrator id', async () => {
    replies = [json(200, { success: true, response_code: 109, transaction_id: 125391271 })];
    const answer = await voidCall(client({ integratorId: '959195xd1CuC' }));
    expect(answer).toMatchObject({ response_code: 109, transaction_id: '125391271' });
    const [token, call] = seen;
    expect(token).toMatchObject({
      path: '/prefix/oauth/token',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(new URLSearchParams(token?.body).get('grant_type')).toBe('password');
    expect(call).toMatchObject({
      path: '/prefix/v1/transactions/void',
      contentType: 'application/json',
      authorization: expect.stringMatching(/^Bearer tok-\d+$/),
    });
    expect(JSON.parse(call?.body ?? '')).toEqual({
      transaction_id: '125391271',
      integrator_id: '959195xd1CuC',
    });
  });

  it('leaves the integrator id out when the connection has none', async () => {
    replies = [json(200, { success: true, response_code: 109, transaction_id: 1 })];
    await voidCall(client());
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({ transaction_id: '125391271' });
  });

  it('reads JSON answers whatever the status: a 402 decline, a 200 refusal', async () => {
    const c = client();
    replies = [json(402, { success: false, response_code: 102, approval_message: ' DECLINE' })];
    await expect(voidCall(c)).resolves.toMatchObject({ response_code: 102 });
    replies = [json(200, { success: false, response_code: 1, errors: { '818': ['no'] } })];
    await expect(voidCall(c)).resolves.toMatchObject({ errors: { '818': ['no'] } });
  });

  it('renews a rejected token exactly once, then gives up', async () => {
    const c = client();
    replies = [
      json(401, { error: 'invalid_token' }),
      json(200, { success: true, response_code: 109, transaction_id: 1 }),
    ];
    await expect(voidCall(c)).resolves.toMatchObject({ response_code: 109 });
    const calls = seen.filter((s) => s.path.endsWith('/void'));
    expect(calls.map((s) => s.authorization)).toHaveLength(2);
    expect(calls[0]?.authorization).not.toBe(calls[1]?.authorization);
    replies = [json(401, { error: 'invalid_token' }), json(401, { error: 'invalid_token' })];
    await expect(voidCall(c)).rejects.toMatchObject({
      name: 'PaytraceNotSentError',
      code: 'PAYTRACE_TOKEN_REJECTED',
    });
  });

  it('classifies 5xx and unreadable 2xx as unknown outcomes, 429 as not sent', async () => {
    const c = client();
    replies = [{ status: 502, body: '<html>bad gateway</html>' }];
    await expect(voidCall(c)).rejects.toMatchObject({
      name: 'PaytraceOutcomeUnknownError',
      code: 'PAYTRACE_HTTP_502',
    });
    replies = [{ status: 200, body: 'not json' }];
    await expect(voidCall(c)).rejects.toMatchObject({ code: 'PAYTRACE_ANSWER_UNREADABLE' });
    replies = [json(200, { success: true, response_code: 'x' })];
    await expect(voidCall(c)).rejects.toMatchObject({ name: 'PaytraceOutcomeUnknownError' });
    replies = [json(429, {}, { 'retry-after': '7' })];
    await expect(voidCall(c)).rejects.toMatchObject({
      name: 'PaytraceNotSentError',
      code: 'PAYTRACE_THROTTLED',
      retryAfterMs: 7000,
    });
  });

  it('fails permanently on a 4xx that is not a PayTrace answer (a wrong base URL)', async () => {
    replies = [{ status: 404, body: 'Not Found' }];
    await expect(voidCall(client())).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'PAYTRACE_HTTP_404',
    });
  });

  it('refuses to send a body its endpoint does not allow, naming fields only', async () => {
    const c = client();
    const bad = { transaction_id: 'abc', secret_thing: '4012000098765439' } as never;
    const error = await c.call(followUpEndpoints.void, bad).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PAYTRACE_REQUEST_INVALID' });
    expect(String((error as Error).message)).not.toContain('4012000098765439');
    expect(seen).toEqual([]);
  });

  it('reports a token request that timed out as "not sent": a token is never an effect', async () => {
    const stall = http.createServer(() => undefined);
    await new Promise<void>((resolve) => stall.listen(0, '127.0.0.1', resolve));
    const runtime = createPaytraceRuntime({ http: { allowPrivateCidrs: [] } });
    const settings = paytraceSettings(
      {
        username: 'u',
        password: 'p',
        environment: 'custom',
        baseUrl: `http://127.0.0.1:${(stall.address() as AddressInfo).port}`,
        requestTimeoutSeconds: 0.1,
      },
      undefined,
    );
    const trusted = { ...settings, trusted: true };
    const c = createPaytraceClient(runtime, trusted, new AbortController().signal);
    await expect(c.call(reportEndpoints.batchOne, {})).rejects.toMatchObject({
      name: 'PaytraceNotSentError',
      code: 'PAYTRACE_AUTH_UNAVAILABLE',
    });
    stall.closeAllConnections();
    await new Promise<void>((resolve) => stall.close(() => resolve()));
  });
});
