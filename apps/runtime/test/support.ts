import { openSql } from '../src/db/client';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { loadEnv, type Env } from '../src/env';
import type { TriggerKinds } from '../src/ingest/trigger-table';
import { createLogger } from '../src/logger';
import { startRuntime, type Role, type RuntimeHandle } from '../src/start-runtime';

/** A new empty database on the test cluster; each test file gets its own. */
export async function freshDatabase(): Promise<string> {
  const admin = inject('adminDatabaseUrl');
  const name = `pb_test_${randomBytes(6).toString('hex')}`;
  const sql = openSql(admin, { max: 1 });
  await sql.unsafe(`create database ${name}`);
  await sql.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Admin API token every test runtime installs (PAYBRIDGE_BOOTSTRAP_TOKEN); `call` sends it. */
export const ADMIN_TOKEN = 'pbt_test-admin-token-0123456789abcdef';

/**
 * Master key of test runtimes, so none writes a key file beside its working directory; a test of
 * the key file sets `PAYBRIDGE_SECRET_KEY: ''` and its own `PAYBRIDGE_DATA_DIR`.
 */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

/** Test environment: random port, quiet logs, quick dead-worker detection. */
export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Env {
  return loadEnv({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    PAYBRIDGE_LOG_LEVEL: 'warn',
    PAYBRIDGE_WORKER_DEAD_AFTER_S: '3',
    PAYBRIDGE_WORKER_CONCURRENCY: '4',
    // The worker on the test's own event loop: a thread would load the runtime again per start.
    PAYBRIDGE_WORKER_THREAD: 'off',
    PAYBRIDGE_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
    PAYBRIDGE_SECRET_KEY: TEST_SECRET_KEY,
    ...overrides,
  });
}

export async function startTestRuntime(
  databaseUrl: string,
  opts: { role?: Role; env?: Record<string, string>; triggerKinds?: TriggerKinds } = {},
): Promise<RuntimeHandle> {
  const env = testEnv(databaseUrl, opts.env);
  return startRuntime(env, {
    logger: createLogger(env.PAYBRIDGE_LOG_LEVEL),
    ...(opts.role ? { role: opts.role } : {}),
    ...(opts.triggerKinds ? { triggerKinds: opts.triggerKinds } : {}),
  });
}

/**
 * JSON request against a started runtime, as the test admin unless `headers.authorization` is
 * given (an empty string sends no credentials at all); returns status, parsed body and headers.
 */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const auth: Record<string, string> =
    headers.authorization === undefined ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {};
  const given = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ''));
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...auth,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...given,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Polls a run until `done` says so, failing with the last state after `timeoutMs`. */
export async function waitForRun(
  base: string,
  runId: string,
  done: (run: any) => boolean = (r) => r.status === 'succeeded' || r.status === 'failed',
  timeoutMs = 20_000,
): Promise<any> {
  const until = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < until) {
    last = (await call(base, 'GET', `/api/runs/${runId}`)).body;
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not finish in time; last state ${JSON.stringify(last)}`);
}

/** A trigger.rest -> ... graph builder for tests. */
export function restFlow(
  path: string,
  nodes: { id: string; type: string; config?: Record<string, unknown> }[],
  edges: [string, string, string?][],
  trigger: Record<string, unknown> = {},
) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path, ...trigger } },
      ...nodes.map((n) => ({ id: n.id, type: n.type, typeVersion: 1, config: n.config ?? {} })),
    ],
    edges: edges.map(([from, to, port]) => ({
      from: { node: from, port: port ?? 'out' },
      to: { node: to, port: 'in' },
    })),
  };
}

/** A sync REST flow at `path`: one mapping (`expression`), answered as `{ "result": … }`. */
export function syncMapFlow(path: string, expression: string) {
  return restFlow(
    path,
    [
      { id: 'shape', type: 'map', config: { expression } },
      { id: 'answer', type: 'respond', config: { status: 200, body: '={ "result": $ }' } },
    ],
    [
      ['trigger', 'shape'],
      ['shape', 'answer'],
    ],
    { mode: 'sync' },
  );
}
