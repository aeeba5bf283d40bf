import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { startPeriodicTask } from './periodic-task';

describe('startPeriodicTask', () => {
  it('never runs two rounds at once, survives a failed round, and stop waits for the round', async () => {
    let running = 0;
    let overlap = false;
    let rounds = 0;
    let finished = 0;
    const task = startPeriodicTask(
      5,
      async () => {
        running++;
        overlap ||= running > 1;
        rounds++;
        await new Promise((r) => setTimeout(r, 25));
        running--;
        finished++;
        if (rounds === 1) throw new Error('first round fails');
      },
      createLogger('error'),
      'test round failed',
    );
    await new Promise((r) => setTimeout(r, 120));
    await task.stop();
    expect(overlap).toBe(false);
    expect(rounds).toBeGreaterThan(1);
    expect(finished).toBe(rounds);
    const after = rounds;
    await new Promise((r) => setTimeout(r, 30));
    expect(rounds).toBe(after);
  });
});
