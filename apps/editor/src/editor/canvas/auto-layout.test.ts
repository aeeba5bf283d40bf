import { describe, expect, it } from 'vitest';
import { autoLayout } from './auto-layout';

describe('autoLayout', () => {
  it('places each step to the right of the one before it', () => {
    const p = autoLayout(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'b', target: 'd' },
      ],
    );
    expect(p.b!.x).toBeGreaterThan(p.a!.x);
    expect(p.c!.x).toBeGreaterThan(p.b!.x);
    expect(p.c!.y).not.toBe(p.d!.y);
  });
});
