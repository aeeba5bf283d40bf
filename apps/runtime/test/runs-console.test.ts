/**
 * The operations console's runs and dead-letter API over real HTTP, against the embedded
 * Postgres and the PayTrace simulator: operator statuses and sources, search by business
 * reference, cursor paging and live updates, the run view's extras, replay with edited input,
 * bulk actions and dead-letter groups. The simulator's transaction list judges exactly-once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection, createVaultCustomer, TEST_CARD } from './paytrace-support';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

const CUSTOMER = 'cust-runs-console';

let sim: RunningPaytraceSimulator;
let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let paytrace: string;
let remote: Server;
let remotePort: number;
/** What the local remote answers: 400 until fixed. */
let remoteStatus = 400;

const finished = (r: any) => !['queued', 'running', 'waiting'].includes(r.status);
const transactions = () => [...sim.handle.state.transactions.values()];

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(sim, CUSTOMER);
  remote = createServer((_req, res) => {
    res.writeHead(remoteStatus, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: remoteStatus === 200 ? 'ok' : 'bad order' }));
  });
  remotePort = await new Promise<number>((r) =>
    remote.listen(0, '127.0.0.1', () => r((remote.address() as AddressInfo).port)),
  );
  const dbUrl = await freshDatabase();
  rt = await startTestRuntime(dbUrl, {
    env: {
      PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url,
      PAYBRIDGE_WORKER_CONCURRENCY: '4',
      PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32',
    },
  });
  base = rt.url!;
  sql = openSql(dbUrl, { max: 2 });
  paytrace = await createPaytraceConnection(base, { requestTimeoutSeconds: 2 });
}, 60_000);
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
  await sim?.close();
  remote?.close();
});

async function createFlow(name: string, graph: unknown): Promise<string> {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** trigger -> paytrace.sale keyed by `body.order`, so any event for an order charges it once. */
function chargeFlow(path: string) {
  return restFlow(
    path,
    [
      {
        id: 'sale',
        type: 'paytrace.sale',
        config: {
          connectionId: paytrace,
          source: { kind: 'vault', customerId: '=body.customer' },
          amount: '=body.cents',
          currency: 'USD',
          description: '=body.order',
          businessReference: '=$trigger.body.order',
        },
      },
    ],
    [['trigger', 'sale']],
  );
}

/** trigger -> http.request to the local remote: fails (dead letter) while it answers 400. */
function callFlow(path: string) {
  return restFlow(
    path,
    [
      {
        id: 'call',
        type: 'http.request',
        config: { method: 'POST', url: `http://127.0.0.1:${remotePort}/orders?key=secret` },
      },
    ],
    [['trigger', 'call']],
  );
}

async function post(path: string, body: unknown): Promise<string> {
  const res = await call(base, 'POST', `/hooks/${path}`, body, { authorization: '' });
  expect(res.status).toBe(202);
  return res.body.runId as string;
}

describe('runs list', () => {
  it('shows operator statuses and sources, searches by business reference, pages without gaps', async () => {
    remoteStatus = 400;
    const flowId = await createFlow('Console failing', callFlow('console-fail'));
    const failed = await post('console-fail', { order: 'ORD-FAIL-1' });
    const failedRun = await waitForRun(
      base,
      failed,
      (r) => finished(r) && r.steps.some((st: any) => st.nodeId === 'call'),
    );
    expect(failedRun.operatorStatus).toBe('dead-lettered');
    expect(failedRun.source).toBe('webhook');
    expect(failedRun.deadLetterId).toEqual(expect.any(String));
    // The connector call's exchange, without the query string (keys travel there).
    const step = failedRun.steps.find((s: any) => s.nodeId === 'call');
    expect(step.http).toMatchObject({ method: 'POST', status: 400 });
    expect(step.http.target).toBe(`127.0.0.1:${remotePort}/orders`);
    expect(failedRun.nodes.find((n: any) => n.nodeId === 'call')).toMatchObject({
      status: 'failed',
      attempts: 1,
      errorCode: 'HTTP_400',
    });

    const list = await call(
      base,
      'GET',
      `/api/runs?status=dead-lettered&flowId=${flowId}&source=webhook`,
    );
    expect(list.status).toBe(200);
    expect(list.body.runs.map((r: any) => r.id)).toEqual([failed]);
    expect(list.body.runs[0]).toMatchObject({ flowName: 'Console failing', attempts: 1 });
    const none = await call(base, 'GET', `/api/runs?status=failed,succeeded&flowId=${flowId}`);
    expect(none.body.runs).toEqual([]);
    const bad = await call(base, 'GET', '/api/runs?status=exploded');
    expect(bad.status).toBe(400);

    // Search: the order id in the charge's business key finds the charging run.
    const chargeFlowId = await createFlow('Console charge', chargeFlow('console-charge'));
    const charged = await post('console-charge', {
      order: 'ORD-SEARCH-77',
      customer: CUSTOMER,
      cents: 1234,
    });
    const chargedRun = await waitForRun(base, charged);
    expect(chargedRun.status).toBe('succeeded');
    const doc = chargedRun.documents.find((d: any) => d.kind === 'paytrace-transaction');
    expect(doc).toMatchObject({ status: 'settled', amountMinor: 1234, foundExisting: false });
    expect(doc.remoteId).toEqual(expect.any(String));
    const byRef = await call(base, 'GET', '/api/runs?q=ORD-SEARCH-77');
    expect(byRef.body.runs.map((r: any) => r.id)).toEqual([charged]);
    const byTxn = await call(base, 'GET', `/api/runs?q=${encodeURIComponent(doc.remoteId)}`);
    expect(byTxn.body.runs.map((r: any) => r.id)).toEqual([charged]);
    const counts = await call(base, 'GET', `/api/runs/counts?flowId=${chargeFlowId}`);
    expect(counts.body.operatorCounts.succeeded).toBe(1);

    // Paging: runs created in one statement share created_at; the cursor still neither repeats
    // nor skips.
    const flowForPaging = chargeFlowId;
    await sql`update runs set created_at = '2030-01-01T00:00:00Z' where flow_id = ${flowForPaging}`;
    const extra = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        post('console-charge', { order: `ORD-PAGE-${i}`, customer: CUSTOMER, cents: 100 + i }),
      ),
    );
    await sql`update runs set created_at = '2030-01-01T00:00:00Z' where flow_id = ${flowForPaging}`;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await call(
        base,
        'GET',
        `/api/runs?flowId=${flowForPaging}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.runs.map((r: any) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([charged, ...extra].sort());

    // The time window and the older `before` paging filter by creation time.
    const inWindow = await call(
      base,
      'GET',
      `/api/runs?flowId=${flowForPaging}&since=2029-12-31T00:00:00Z&until=2030-01-02T00:00:00Z`,
    );
    expect(inWindow.status).toBe(200);
    expect(inWindow.body.runs).toHaveLength(5);
    const older = await call(
      base,
      'GET',
      `/api/runs?flowId=${flowForPaging}&before=2030-01-01T00:00:00Z`,
    );
    expect(older.status).toBe(200);
    expect(older.body.runs).toEqual([]);
    const counted = await call(
      base,
      'GET',
      `/api/runs/counts?flowId=${flowForPaging}&since=2029-12-31T00:00:00Z`,
    );
    expect(counted.status).toBe(200);
    const countedRuns = Object.values(counted.body.operatorCounts as Record<string, number>);
    expect(countedRuns.reduce((a, b) => a + b, 0)).toBe(5);

    // Live updates: after the cursor, the runs that changed since (resolving its dead letter
    // changes the run: it is now `failed`).
    await sql`update runs set updated_at = now() - interval '1 hour' where id = ${failed}`;
    const first = await call(base, 'GET', `/api/runs?flowId=${flowId}`);
    const quiet = await call(
      base,
      'GET',
      `/api/runs?flowId=${flowId}&updatedSince=${first.body.changesCursor}`,
    );
    expect(quiet.body.runs).toEqual([]);
    const resolved = await call(
      base,
      'POST',
      `/api/dead-letters/${failedRun.deadLetterId}/resolve`,
      {
        resolution: 'handled',
      },
    );
    expect(resolved.status).toBe(200);
    const changes = await call(
      base,
      'GET',
      `/api/runs?flowId=${flowId}&updatedSince=${first.body.changesCursor}`,
    );
    expect(changes.body.runs).toEqual([
      expect.objectContaining({ id: failed, operatorStatus: 'failed' }),
    ]);
    const bogus = await call(base, 'GET', `/api/runs?updatedSince=nonsense`);
    expect(bogus.status).toBe(400);
    await waitForRuns(extra);
  }, 60_000);
});

async function waitForRuns(ids: string[]) {
  for (const id of ids) await waitForRun(base, id, finished, 30_000);
}

describe('replay with edited input', () => {
  it('refuses card data, links the new run, resolves the dead letter, and never charges twice', async () => {
    await createFlow('Replay charge', chargeFlow('replay-charge'));
    const original = await post('replay-charge', {
      order: 'ORD-REPLAY-1',
      customer: CUSTOMER,
      cents: 5000,
    });
    expect((await waitForRun(base, original)).status).toBe('succeeded');
    const before = transactions().length;

    const { trigger } = (await call(base, 'GET', `/api/runs/${original}`)).body;
    const card = await call(base, 'POST', `/api/runs/${original}/replay`, {
      payload: { ...trigger, body: { ...trigger.body, card_number: TEST_CARD } },
    });
    expect(card.status).toBe(422);
    expect(card.body.error.code).toBe('CARD_DATA_REFUSED');
    expect(JSON.stringify(card.body)).not.toContain(TEST_CARD);

    const replay = await call(base, 'POST', `/api/runs/${original}/replay`, {
      payload: { ...trigger, body: { ...trigger.body, note: 'edited' } },
      note: 'customer asked',
    });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ replayOf: original, edited: true });
    const replayed = await waitForRun(base, replay.body.runId);
    expect(replayed.error).toBeNull();
    expect(replayed.status).toBe('succeeded');
    expect(replayed.source).toBe('replay');
    expect(replayed.trigger.body).toMatchObject({ note: 'edited', order: 'ORD-REPLAY-1' });
    expect(replayed.related).toContainEqual(
      expect.objectContaining({ id: original, relation: 'parent' }),
    );
    expect(replayed.steps.find((st: any) => st.nodeId === 'sale').status).toBe('succeeded');
    const originalView = (await call(base, 'GET', `/api/runs/${original}`)).body;
    expect(originalView.related).toContainEqual(
      expect.objectContaining({ id: replay.body.runId, relation: 'child' }),
    );
    // Exactly once: the order was charged; the replay found the charge.
    expect(transactions().length).toBe(before);

    const audit = await call(base, 'GET', '/api/audit?action=run.replay');
    const entry = (audit.body.entries ?? audit.body.items ?? []).find(
      (e: any) => e.targetId === original,
    );
    expect(entry?.details).toMatchObject({ edited: true, changedPaths: ['body.note'] });
    expect(entry?.details.payloadSha256).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('edit-and-retry of a dead letter resolves it with a note naming the new run', async () => {
    remoteStatus = 400;
    const flowId = await createFlow('Dead letter replay', callFlow('dl-replay'));
    const failed = await post('dl-replay', { order: 'ORD-DL-1' });
    const run = await waitForRun(base, failed, finished);
    expect(run.operatorStatus).toBe('dead-lettered');
    remoteStatus = 200;
    const replay = await call(base, 'POST', `/api/runs/${failed}/replay`, {
      payload: { order: 'ORD-DL-1', fixed: true },
      note: 'fixed the order',
    });
    expect(replay.status).toBe(202);
    expect(replay.body.resolvedDeadLetterId).toBe(run.deadLetterId);
    expect((await waitForRun(base, replay.body.runId)).status).toBe('succeeded');
    const resolved = await call(base, 'GET', `/api/dead-letters?open=false&flowId=${flowId}`);
    expect(resolved.body.deadLetters[0].resolution).toBe(
      `Replayed as run ${replay.body.runId}: fixed the order`,
    );
    expect((await call(base, 'GET', `/api/runs/${failed}`)).body.operatorStatus).toBe('failed');
  }, 60_000);
});

describe('bulk actions', () => {
  it('replays charged orders without charging again, and reports progress and outcomes', async () => {
    await createFlow('Bulk charge', chargeFlow('bulk-charge'));
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(
        await post('bulk-charge', { order: `ORD-BULK-${i}`, customer: CUSTOMER, cents: 700 + i }),
      );
    }
    await waitForRuns(ids);
    const before = transactions().length;
    const started = await call(base, 'POST', '/api/runs/bulk', { action: 'replay', runIds: ids });
    expect(started.status).toBe(202);
    expect(started.body.total).toBe(10);
    let progress: any;
    const until = Date.now() + 30_000;
    do {
      await new Promise((r) => setTimeout(r, 200));
      progress = (await call(base, 'GET', `/api/runs/bulk/${started.body.operationId}`)).body;
    } while (!progress.done && Date.now() < until);
    expect(progress).toMatchObject({ total: 10, processed: 10, accepted: 10, rejected: 0 });
    expect(progress.outcome).toMatchObject({ succeeded: 10, running: 0 });
    expect(transactions().length).toBe(before);

    // Retrying succeeded runs is refused per run, with the reason.
    const retry = await call(base, 'POST', '/api/runs/bulk', {
      action: 'retry',
      runIds: ids.slice(0, 2),
    });
    let p2: any;
    do {
      await new Promise((r) => setTimeout(r, 200));
      p2 = (await call(base, 'GET', `/api/runs/bulk/${retry.body.operationId}`)).body;
    } while (!p2.done && Date.now() < until + 10_000);
    expect(p2).toMatchObject({ processed: 2, accepted: 0, rejected: 2 });
    expect(p2.rejections[0].reason).toMatch(/only failed runs can be retried/);

    const tooMany = await call(base, 'POST', '/api/runs/bulk', {
      action: 'cancel',
      runIds: Array.from({ length: 1001 }, () => crypto.randomUUID()),
    });
    expect(tooMany.status).toBe(400);
    const viewer = await call(
      base,
      'POST',
      '/api/runs/bulk',
      { action: 'cancel', filter: {} },
      {
        authorization: '',
      },
    );
    expect(viewer.status).toBe(401);
  }, 90_000);

  it('bulk-retries dead letters after the flow was fixed; the retry resolves them', async () => {
    remoteStatus = 400;
    const flowId = await createFlow('Bulk retry', callFlow('bulk-retry'));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await post('bulk-retry', { order: `ORD-BR-${i}` }));
    await waitForRuns(ids);
    const groups = await call(base, 'GET', `/api/dead-letters/groups?flowId=${flowId}`);
    expect(groups.body.groups).toEqual([
      expect.objectContaining({ flowId, code: 'HTTP_400', count: 3, flowName: 'Bulk retry' }),
    ]);
    remoteStatus = 200;
    const started = await call(base, 'POST', '/api/runs/bulk', {
      action: 'retry',
      filter: { flowId: [flowId], status: ['dead-lettered'] },
    });
    expect(started.body.total).toBe(3);
    let progress: any;
    const until = Date.now() + 30_000;
    do {
      await new Promise((r) => setTimeout(r, 200));
      progress = (await call(base, 'GET', `/api/runs/bulk/${started.body.operationId}`)).body;
    } while (!progress.done && Date.now() < until);
    expect(progress.outcome).toMatchObject({ succeeded: 3 });
    const open = await call(base, 'GET', `/api/dead-letters?flowId=${flowId}`);
    expect(open.body.deadLetters).toEqual([]);
  }, 60_000);
});

describe('dead letters', () => {
  it('lists typed dead letters and resolves a whole group with a note', async () => {
    remoteStatus = 400;
    const flowId = await createFlow('Group resolve', callFlow('group-resolve'));
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push(await post('group-resolve', { order: `ORD-G-${i}` }));
    await waitForRuns(ids);
    const list = await call(base, 'GET', `/api/dead-letters?flowId=${flowId}&code=HTTP_400`);
    expect(list.body.deadLetters).toHaveLength(2);
    expect(list.body.deadLetters[0]).toMatchObject({
      flowName: 'Group resolve',
      error: { code: 'HTTP_400', errorClass: expect.any(String) },
      runStatus: 'dead-lettered',
    });
    const resolved = await call(base, 'POST', '/api/dead-letters/resolve', {
      group: { flowId, code: 'HTTP_400' },
      resolution: 'refunded by hand',
    });
    expect(resolved.body.resolved).toBe(2);
    const after = await call(base, 'GET', `/api/runs?flowId=${flowId}`);
    expect(after.body.runs.map((r: any) => r.operatorStatus)).toEqual(['failed', 'failed']);
  }, 60_000);
});
