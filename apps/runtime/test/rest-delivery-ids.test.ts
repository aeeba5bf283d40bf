/**
 * REST triggers dedupe on a sender's signed delivery id (Standard Webhooks `webhook-id`) only for
 * the same request: a sender reusing an id for another body starts a new run (and the runtime
 * logs a warning), while an Idempotency-Key reused with another body stays a client error (422),
 * the contract idempotency-key clients rely on.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

const KEY = randomBytes(32);
let rt: RuntimeHandle;
let base: string;
const logLines: string[] = [];
let restoreStderr: () => void = () => undefined;

function signed(id: string, body: string) {
  const ts = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', KEY).update(`${id}.${ts}.${body}`).digest('base64');
  return call(base, 'POST', '/hooks/std/orders', body, {
    authorization: '',
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': `v1,${mac}`,
  });
}

beforeAll(async () => {
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logLines.push(String(chunk));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  restoreStderr = () => {
    process.stderr.write = original;
  };
  rt = await startTestRuntime(await freshDatabase());
  base = rt.url!;
  const connection = await call(base, 'POST', '/api/connections', {
    type: 'webhook.standard',
    name: 'sender',
    values: { secrets: [`whsec_${KEY.toString('base64')}`] },
  });
  expect(connection.status).toBe(201);
  for (const [path, trigger] of [
    ['std/orders', { auth: { type: 'standard-webhooks', connectionId: connection.body.id } }],
    ['keyed/orders', {}],
  ] as const) {
    const graph = restFlow(
      path,
      [{ id: 'shape', type: 'map', config: { expression: 'body' } }],
      [['trigger', 'shape']],
      trigger,
    );
    const flow = await call(base, 'POST', '/api/flows', { name: path, graph, activate: true });
    expect(flow.status).toBe(201);
  }
});
afterAll(async () => {
  restoreStderr();
  await rt?.stop();
});

describe('REST delivery ids', () => {
  it('starts a new run for a reused webhook-id with another body, and replays each body', async () => {
    const id = `msg_${randomBytes(8).toString('hex')}`;
    const first = await signed(id, '{"order":"A-1"}');
    const reused = await signed(id, '{"order":"A-2"}');
    const firstAgain = await signed(id, '{"order":"A-1"}');
    const reusedAgain = await signed(id, '{"order":"A-2"}');
    expect([first.status, reused.status, firstAgain.status, reusedAgain.status]).toEqual([
      202, 202, 202, 202,
    ]);
    expect(reused.body.runId).not.toBe(first.body.runId);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
    expect(firstAgain.body.runId).toBe(first.body.runId);
    expect(reusedAgain.body.runId).toBe(reused.body.runId);
    expect(reusedAgain.headers.get('idempotent-replayed')).toBe('true');
    const run = await waitForRun(base, reused.body.runId);
    expect(run.steps.find((s: any) => s.nodeId === 'shape').output).toEqual({ order: 'A-2' });
    expect(logLines.join('')).toMatch(/delivery id was reused for another body/);
  });

  it('keeps refusing an Idempotency-Key reused with another body (422)', async () => {
    const headers = { 'idempotency-key': `key-${randomBytes(4).toString('hex')}` };
    const first = await call(base, 'POST', '/hooks/keyed/orders', { order: 1 }, headers);
    const changed = await call(base, 'POST', '/hooks/keyed/orders', { order: 2 }, headers);
    expect(first.status).toBe(202);
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
