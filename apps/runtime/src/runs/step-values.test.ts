import { describe, expect, it } from 'vitest';
import { applyDelta, decodeStepValues, diffValues, StepValueEncoder } from './step-values';

const body = {
  id: 'ORD-1',
  lines: Array.from({ length: 200 }, (_, i) => ({ sku: `SKU-${i}`, qty: 1 + (i % 3) })),
};

/** What the engine records for webhook -> map (merge a step number) -> map -> respond. */
function chainSteps() {
  const trigger = { body: structuredClone(body), headers: { 'content-type': 'application/json' } };
  const map1 = { ...structuredClone(body), step: 1 };
  const map2 = { ...structuredClone(map1), step: 2 };
  const reply = { status: 200, headers: {}, body: structuredClone(map2) };
  return [
    { seq: 0, input: null, output: trigger },
    { seq: 1, input: trigger, output: map1 },
    { seq: 2, input: map1, output: map2 },
    { seq: 3, input: map2, output: reply },
  ];
}

describe('step values stored once', () => {
  it('stores the trigger as the event, inputs as references and outputs as their changes, and reads back what was recorded', () => {
    const steps = chainSteps();
    const encoder = new StepValueEncoder(structuredClone(steps[0]!.output));
    const stored = steps.map((s) => ({ seq: s.seq, ...encoder.encode(s) }));

    expect(stored[0]).toMatchObject({ output: null, outputBase: 'event', input: null });
    expect(stored[1]).toMatchObject({ input: null, inputFrom: 0, outputBase: 'input' });
    // The first map starts from the trigger's body.
    expect(stored[1]!.output).toEqual({ b: ['body'], s: [[['step'], 1]] });
    expect(stored[2]!.output).toEqual({ s: [[['step'], 2]] });
    // The response echoes its input: a mark, not a copy.
    expect(stored[3]).toMatchObject({ inputFrom: 2, outputBase: 'input' });
    const bodySize = JSON.stringify(body).length;
    const storedSize = JSON.stringify(stored).length;
    expect(storedSize).toBeLessThan(bodySize / 10);

    // As Postgres gives them back: jsonb reorders keys, and rows may come in any order.
    const rows = JSON.parse(JSON.stringify(stored)).reverse();
    const decoded = decodeStepValues(rows, structuredClone(steps[0]!.output)).sort(
      (a, b) => a.seq - b.seq,
    );
    expect(decoded.map((s) => ({ seq: s.seq, input: s.input, output: s.output }))).toEqual(steps);
    expect(decoded[0]).not.toHaveProperty('inputFrom');
  });

  it('stores values whole when they are not the previous output or share little with their input', () => {
    const encoder = new StepValueEncoder({ a: 1 });
    const input = { x: 1, y: 2 };
    const other = encoder.encode({ seq: 0, input, output: { total: 3 } });
    expect(other).toEqual({ input, inputFrom: null, output: { total: 3 }, outputBase: null });
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    expect(
      diffValues(
        { ...many, x: 0 },
        { ...many, ...Object.fromEntries(Object.keys(many).map((k) => [k, -1])) },
      ),
    ).toBeNull();
    expect(encoder.encode({ seq: 1, input: 'text', output: [1, 2] }).outputBase).toBeNull();
  });

  it('keeps removals, nested changes, array items and __proto__ keys exact', () => {
    const input = { a: { b: 1, c: [1, 2, 3] }, gone: true, keep: 'x' };
    const output = JSON.parse('{"a":{"b":2,"c":[1,9,3]},"keep":"x","__proto__":{"p":1}}');
    const delta = diffValues(input, output);
    expect(delta).not.toBeNull();
    const back = applyDelta(JSON.parse(JSON.stringify(input)), JSON.parse(JSON.stringify(delta)));
    expect(back).toEqual(output);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back as object)).toContain('__proto__');
  });

  it('reads references to pruned or missing steps as null', () => {
    const rows = [
      { seq: 0, input: null, output: null, inputFrom: null, outputBase: null },
      { seq: 1, input: null, output: { s: [[['step'], 1]] }, inputFrom: 0, outputBase: 'input' },
      { seq: 2, input: null, output: null, inputFrom: 7, outputBase: null },
    ];
    const decoded = decodeStepValues(rows, null);
    expect(decoded.map((s) => [s.input, s.output])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });
});
