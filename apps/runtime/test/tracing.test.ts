/**
 * OpenTelemetry traces and JSON logs of runs: with tracing on (an in-memory exporter standing in
 * for OTLP), one trace runs from the ingress request through the run to each step and each
 * outbound call, and the run's API answer names it; with tracing off nothing is traced. JSON log
 * lines of a run carry its run, flow, node and trace ids.
 */
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger';
import { activeTracing } from '../src/observability/tracing';
import { startRuntime, type RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection, createVaultCustomer, saleFlow } from './paytrace-support';
import { call, freshDatabase, restFlow, testEnv, waitForRun } from './support';

let sim: RunningPaytraceSimulator;
let rt: RuntimeHandle | null = null;
let logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(sim, 'cust-trace');
  // Capture what the JSON logger prints (warnings go to stderr).
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      for (const line of String(chunk).split('\n')) {
        if (line.startsWith('{"time"')) logLines.push(JSON.parse(line) as Record<string, unknown>);
      }
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
}, 60_000);
afterEach(async () => {
  await rt?.stop();
  rt = null;
  logLines = [];
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sim?.close();
});

async function start(exporter?: InMemorySpanExporter): Promise<string> {
  const env = testEnv(await freshDatabase(), {
    PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url,
    PAYBRIDGE_LOG_FORMAT: 'json',
  });
  rt = await startRuntime(env, {
    logger: createLogger('warn', 'json'),
    ...(exporter ? { spanExporter: exporter } : {}),
  });
  return rt.url!;
}

/** A sale flow and a flow whose map step fails; returns the run ids of one request to each. */
async function runBoth(base: string) {
  const connectionId = await createPaytraceConnection(base);
  const sale = await call(base, 'POST', '/api/flows', {
    name: 'traced sale',
    graph: saleFlow('traced/charge', connectionId),
    activate: true,
  });
  const broken = await call(base, 'POST', '/api/flows', {
    name: 'traced broken',
    graph: restFlow(
      'traced/broken',
      [{ id: 'calc', type: 'map', config: { expression: '$undefinedFn()' } }],
      [['trigger', 'calc']],
    ),
    activate: true,
  });
  const charged = await call(
    base,
    'POST',
    '/hooks/traced/charge',
    { order: 't-1', customer: 'cust-trace', cents: 2500 },
    { authorization: '' },
  );
  const failed = await call(base, 'POST', '/hooks/traced/broken', {}, { authorization: '' });
  expect([charged.status, failed.status]).toEqual([202, 202]);
  const saleRun = await waitForRun(base, charged.body.runId);
  const failedRun = await waitForRun(base, failed.body.runId);
  expect([saleRun.status, failedRun.status]).toEqual(['succeeded', 'failed']);
  return { saleRun, failedRun, brokenFlowId: broken.body.id as string, saleFlowId: sale.body.id };
}

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('creates no tracer and no trace, and logs runs in JSON with their ids', async () => {
    const base = await start();
    expect(activeTracing()).toBeNull();
    const { saleRun, failedRun, brokenFlowId } = await runBoth(base);
    expect(saleRun.traceId).toBeUndefined();
    expect(failedRun.traceId).toBeUndefined();

    const line = logLines.find((l) => l.msg === 'run failed' && l.runId === failedRun.id);
    expect(line).toMatchObject({ level: 'warn', flowId: brokenFlowId, nodeId: 'calc' });
    expect(line).not.toHaveProperty('traceId');
  }, 60_000);
});

describe('tracing on', () => {
  it('puts ingress, run, steps and outbound calls of a run in one trace the API names', async () => {
    const exporter = new InMemorySpanExporter();
    const base = await start(exporter);
    expect(activeTracing()).not.toBeNull();
    const { saleRun, failedRun } = await runBoth(base);

    expect(saleRun.traceId).toMatch(/^[0-9a-f]{32}$/);
    const spans = exporter
      .getFinishedSpans()
      .filter((s) => s.spanContext().traceId === saleRun.traceId);
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: ReadableSpan) => byId.get(s.parentSpanContext?.spanId ?? '');

    const ingress = spans.find((s) => s.name === 'ingress rest');
    expect(ingress, 'ingress span').toBeDefined();
    expect(ingress!.parentSpanContext).toBeUndefined();
    const runs = spans.filter((s) => s.name === 'run');
    expect(runs.length).toBeGreaterThanOrEqual(1);
    for (const run of runs) {
      expect(parentOf(run)).toBe(ingress);
      expect(run.attributes['paybridge.run.id']).toBe(saleRun.id);
    }
    const step = spans.find((s) => s.name === 'step sale');
    expect(step, 'step span').toBeDefined();
    expect(runs).toContain(parentOf(step!));
    expect(step!.attributes['paybridge.node.type']).toBe('paytrace.sale');
    const calls = spans.filter((s) => s.name === 'POST paytrace');
    expect(calls.length).toBeGreaterThanOrEqual(1);
    for (const c of calls) {
      expect(parentOf(c)).toBe(step);
      expect(c.attributes['http.response.status_code']).toBe(200);
    }
    // The other run's request is its own trace; no span mixes the two.
    expect(failedRun.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(failedRun.traceId).not.toBe(saleRun.traceId);

    const line = logLines.find((l) => l.msg === 'run failed' && l.runId === failedRun.id);
    expect(line).toMatchObject({ nodeId: 'calc', traceId: failedRun.traceId });
  }, 60_000);
});
