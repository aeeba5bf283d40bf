import { describe, expect, it } from 'vitest';
import { FlowSlots, flowFlag, perFlowSlots } from './flow-slots';

describe('per-flow job slots', () => {
  it('keeps an eighth of the concurrency (at least one slot) for other flows', () => {
    expect(perFlowSlots(1)).toBe(1);
    expect(perFlowSlots(2)).toBe(1);
    expect(perFlowSlots(8)).toBe(7);
    expect(perFlowSlots(16)).toBe(14);
    expect(perFlowSlots(40)).toBe(35);
  });

  it('names a flow at its share for the queue to skip, and forgets it once a slot frees', () => {
    const slots = new FlowSlots(2);
    expect(slots.forbidden()).toBeNull();
    slots.take('a');
    slots.take('b');
    expect(slots.forbidden()).toBeNull();
    expect(slots.take('a')).toBe(true);
    expect(slots.forbidden()).toEqual([flowFlag('a')]);
    expect(slots.take('a')).toBe(false);
    slots.release('a');
    expect(slots.forbidden()).toBeNull();
    slots.release('a');
    slots.release('b');
    expect(slots.forbidden()).toBeNull();
  });
});
