import type { Sql } from '../db/client';
import { RUNS_CHANNEL } from '../db/queries/run-execution';

export interface RunResult {
  status: string;
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  error: { code: string; message: string } | null;
}

/**
 * Lets a synchronous REST request wait for its run's `respond` step or its end. Workers announce
 * both with NOTIFY, so this works whether the run executes in this process or another machine.
 */
export class RunWaiter {
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly sql: Sql) {}

  async listen(): Promise<void> {
    await this.sql.listen(RUNS_CHANNEL, (runId) => {
      const set = this.waiters.get(runId);
      if (set) for (const wake of set) wake();
    });
  }

  /** Resolves with the run's answer, or null when `timeoutMs` passes first. */
  async wait(runId: string, timeoutMs: number): Promise<RunResult | null> {
    return this.waitFor(runId, timeoutMs, () => this.read(runId));
  }

  /**
   * Resolves with what `read` finds about the run once it finds something (non-null), checking
   * after each of the run's notifications and every `pollMs` (default: only on notifications),
   * or with null when `timeoutMs` passes first.
   */
  async waitFor<T>(
    runId: string,
    timeoutMs: number,
    read: () => Promise<T | null>,
    pollMs?: number,
  ): Promise<T | null> {
    let wake!: () => void;
    let woke = new Promise<void>((r) => (wake = r));
    const set = this.waiters.get(runId) ?? new Set();
    const onNotify = () => wake();
    set.add(onNotify);
    this.waiters.set(runId, set);
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        // Check after subscribing, so a notification sent before we listened is not missed.
        const result = await read();
        if (result !== null) return result;
        const left = deadline - Date.now();
        if (left <= 0) return null;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          woke.then(() => false),
          new Promise<boolean>(
            (r) => (timer = setTimeout(() => r(true), Math.min(left, pollMs ?? left))),
          ),
        ]);
        clearTimeout(timer);
        if (timedOut && Date.now() >= deadline) return await read();
        woke = new Promise<void>((r) => (wake = r));
      }
    } finally {
      set.delete(onNotify);
      if (set.size === 0) this.waiters.delete(runId);
    }
  }

  private async read(runId: string): Promise<RunResult | null> {
    const [row] = await this.sql<
      { status: string; response: RunResult['response']; error: RunResult['error'] }[]
    >`select status, response, error from runs where id = ${runId}`;
    if (!row) return null;
    if (row.response || ['succeeded', 'failed', 'declined'].includes(row.status)) {
      return { status: row.status, response: row.response, error: row.error };
    }
    return null;
  }
}
