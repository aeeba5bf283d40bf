import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from './keyed-limiter';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('KeyedLimiter', () => {
  it('runs at most the cap of one key at once, in arrival order, and others freely', async () => {
    const limiter = new KeyedLimiter(2);
    const started: string[] = [];
    const gates = [gate(), gate(), gate()];
    const a = gates.map((g, i) =>
      limiter.run('flow-a', async () => {
        started.push(`a${i}`);
        await g.opened;
      }),
    );
    const b = limiter.run('flow-b', async () => {
      started.push('b');
    });
    await b;
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toEqual(['a0', 'a1', 'b']);
    expect(limiter.active('flow-a')).toBe(2);
    gates[0]!.open();
    await a[0];
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toEqual(['a0', 'a1', 'b', 'a2']);
    gates[1]!.open();
    gates[2]!.open();
    await Promise.all(a);
    expect(limiter.active('flow-a')).toBe(0);
  });

  it('frees the slot of a task that throws', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('k', () => Promise.resolve(7))).resolves.toBe(7);
    expect(limiter.active('k')).toBe(0);
  });
});

describe('KeyedLimiter keys', () => {
  it('forgets a key once its work is done, so many flows do not grow it', async () => {
    const limiter = new KeyedLimiter(1);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => limiter.run(`flow-${i % 5}`, async () => i)),
    );
    expect(limiter.keys()).toBe(0);
  });
});
