import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import type { Env } from '../env';
import { launchWorkerThread } from './worker-thread-supervisor';

const entry = new URL('./fixtures/short-lived-thread.mjs', import.meta.url);

function launch(extra: Record<string, unknown> = {}) {
  const generations = new SharedArrayBuffer(4);
  const data = { env: {} as Env, niceness: 0, generations, ...extra };
  const handle = launchWorkerThread({ data, logger: createLogger('silent'), entry });
  return { handle, started: () => Atomics.load(new Int32Array(generations), 0) };
}

describe('the worker thread supervisor', () => {
  it('starts a new thread when one dies, hands it the same start, and stops it on request', async () => {
    const { handle, started } = launch();
    await handle.start({ sandboxUrl: 'http://127.0.0.1:1234', publicUrl: null });
    const deadline = Date.now() + 10_000;
    while (handle.restarts() < 1 || (await handle.metrics())[0]?.values[0]?.value !== 2) {
      expect(Date.now(), 'no second thread').toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 50));
    }
    const [metric] = await handle.metrics();
    // The replacement got the same sandbox URL its predecessor was started with.
    expect(metric?.help).toBe('http://127.0.0.1:1234');
    expect(started()).toBe(2);
    await handle.stop();
    expect(handle.restarts()).toBe(1);
    // Stopped for good: nothing started afterwards.
    await new Promise((r) => setTimeout(r, 400));
    expect(started()).toBe(2);
    expect(await handle.metrics()).toEqual([]);
  });

  it('fails the start when the first thread cannot start, without trying again', async () => {
    const { handle, started } = launch({ failBeforeReady: true });
    await expect(handle.start({ sandboxUrl: null, publicUrl: null })).rejects.toThrow(
      'cannot start',
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(started()).toBe(1);
    expect(handle.restarts()).toBe(0);
    await handle.stop();
  });
});
