import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

let rt: RuntimeHandle;
let base: string;

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase());
  base = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
});

async function createActive(name: string, graph: unknown) {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** Sends a raw JSON text (exact bytes, key order as written) to an async hook; the finished run. */
async function trigger(path: string, text: string) {
  const res = await fetch(`${base}/hooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: text,
  });
  expect(res.status).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  const run = await waitForRun(base, runId);
  expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
  return run;
}

describe('what operators see is what ran', () => {
  it('shows every step output exactly as the step produced it', async () => {
    const outputs: [string, string][] = [
      ['str', '"12345"'],
      ['bool', '"true"'],
      ['big', '"820982911946154508"'],
      ['num', '12345'],
      ['nested', '{ "id": "820982911946154508", "n": 7, "flag": "false", "list": ["1", 2] }'],
    ];
    await createActive(
      'step fidelity',
      restFlow(
        'fidelity/steps',
        outputs.map(([id, expression]) => ({ id, type: 'map', config: { expression } })),
        outputs.map(([id], i) => [i === 0 ? 'trigger' : outputs[i - 1]![0], id]),
        { mode: 'async' },
      ),
    );
    const run = await trigger('fidelity/steps', '{}');
    const output = (id: string) => run.steps.find((s: any) => s.nodeId === id).output;
    expect(output('str')).toBe('12345');
    expect(output('bool')).toBe('true');
    expect(output('big')).toBe('820982911946154508');
    expect(output('num')).toBe(12345);
    expect(output('nested')).toEqual({
      id: '820982911946154508',
      n: 7,
      flag: 'false',
      list: ['1', 2],
    });
    // The next step's input is the previous step's output, shown the same way.
    expect(run.steps.find((s: any) => s.nodeId === 'bool').input).toBe('12345');
  });

  it('keeps the trigger body in the order it was sent, for $keys and in the run', async () => {
    await createActive(
      'key order',
      restFlow(
        'fidelity/order',
        [
          {
            id: 'keys',
            type: 'map',
            config: {
              expression:
                '{ "keys": $keys($trigger.body), "each": $each($trigger.body.alpha, function($v, $k) { $k }) }',
            },
          },
        ],
        [['trigger', 'keys']],
        { mode: 'async' },
      ),
    );
    const sent = '{"zeta":1,"alpha":{"yy":2,"b":3,"aaa":4},"mid":"x","b":[{"z":1,"a":2}]}';
    const run = await trigger('fidelity/order', sent);
    expect(run.steps.find((s: any) => s.nodeId === 'keys').output).toEqual({
      keys: ['zeta', 'alpha', 'mid', 'b'],
      each: ['yy', 'b', 'aaa'],
    });
    expect(Object.keys(run.trigger.body)).toEqual(['zeta', 'alpha', 'mid', 'b']);
    expect(JSON.stringify(run.trigger.body)).toBe(sent);
    // A replay runs the same stored event: same order.
    const replay = await call(base, 'POST', `/api/runs/${run.id}/replay`);
    expect(replay.status).toBe(202);
    const again = await waitForRun(base, replay.body.runId);
    expect(again.steps.find((s: any) => s.nodeId === 'keys').output.keys).toEqual([
      'zeta',
      'alpha',
      'mid',
      'b',
    ]);
    expect(JSON.stringify(again.trigger.body)).toBe(sent);
  });
});
