import { DEFAULT_EXPRESSION_LIMITS } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import evaluateTask from './evaluate-task';

const body = JSON.parse('{"zeta":1,"alpha":{"yy":2,"b":3,"aaa":4},"mid":"x"}') as unknown;

async function answer(source: string) {
  return evaluateTask({
    source,
    input: body,
    bindings: { trigger: { body } },
    limits: DEFAULT_EXPRESSION_LIMITS,
    started: new SharedArrayBuffer(16),
  });
}

describe('evaluateTask', () => {
  it('answers sequences built by lambdas as plain data that crosses back from the thread', async () => {
    const r = await answer('{ "each": $each($trigger.body.alpha, function($v, $k) { $k }) }');
    expect(r).toEqual({ ok: true, value: { each: ['yy', 'b', 'aaa'] } });
    // What piscina does with the answer: it must clone.
    expect(structuredClone(r)).toEqual(r);
  });

  it('answers a function value as the marker the result check refuses', async () => {
    const r = await answer('function($x) { $x }');
    expect(structuredClone(r)).toEqual({ ok: true, value: { _jsonata_function: true } });
  });
});
