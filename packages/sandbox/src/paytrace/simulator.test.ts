import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient } from '../test/paytrace-client.js';
import { createPaytraceSimulator, DEMO_CREDENTIALS } from './simulator.js';

let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.sim.close());

describe('simulator surface', () => {
  it('answers with PayTrace headers: JSON charset, request id, runtime', async () => {
    const answer = await client.keyed('sale', '1.00');
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get('x-runtime')).not.toBeNull();
  });

  it('listens on 127.0.0.1', () => {
    expect(client.sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('moves its clock through the admin API so tokens expire mid-run', async () => {
    const token = await client.token();
    await fetch(`${client.sim.url}/__admin/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance_seconds: 7200 }),
    });
    const answer = await client.post('/v1/transactions/settle', {}, token);
    expect(answer.body.error).toBe('invalid_token');
  });

  it('works mounted under a prefix, as the runtime mounts it', async () => {
    const { app } = createPaytraceSimulator();
    const parent = new Hono().route('/sandbox/paytrace', app);
    const tokenAnswer = await parent.request('/sandbox/paytrace/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=password&username=${DEMO_CREDENTIALS.username}&password=${DEMO_CREDENTIALS.password}`,
    });
    const { access_token } = (await tokenAnswer.json()) as { access_token: string };
    const sale = await parent.request('/sandbox/paytrace/v1/transactions/sale/keyed', {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        amount: '1.00',
        credit_card: { number: '4012000098765439', expiration_month: 1, expiration_year: 2099 },
      }),
    });
    expect(((await sale.json()) as { response_code: number }).response_code).toBe(101);
  });

  it('can leave the admin API out', async () => {
    const { app } = createPaytraceSimulator({ adminApi: false });
    expect((await app.request('/__admin/transactions')).status).toBe(404);
  });

  it('starts from the command line and prints its URL', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      const response = await fetch(`${url}/v1/ping`, { method: 'POST' });
      expect(response.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 20_000);
});
