import { describe, expect, it } from 'vitest';
import { FlowSlots, perFlowSlots } from './flow-slots';

describe('per-flow job slots', () => {
  it('keeps a quarter of the concurrency (at least one slot) for other flows', () => {
    expect(perFlowSlots(1)).toBe(1);
    expect(perFlowSlots(2)).toBe(1);
    expect(perFlowSlots(8)).toBe(6);
    expect(perFlowSlots(10)).toBe(8);
    expect(perFlowSlots(40)).toBe(30);
  });

  it('refuses a flow its slot past its share while other flows still get theirs', () => {
    const slots = new FlowSlots(2);
    expect(slots.tryTake('a')).toBe(true);
    expect(slots.tryTake('a')).toBe(true);
    expect(slots.tryTake('a')).toBe(false);
    expect(slots.tryTake('b')).toBe(true);
    slots.release('a');
    expect(slots.tryTake('a')).toBe(true);
  });
});
