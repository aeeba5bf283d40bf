import { hostname } from 'node:os';
import type { Sql } from '../db/client';
import type { Logger } from '../logger';

/**
 * Heartbeats this process and frees the work of processes that stopped heartbeating. Without it,
 * graphile-worker keeps a killed worker's jobs locked for four hours; with it, a crashed run is
 * picked up again within `deadAfterS` seconds. A process that was only paused (a long GC, a
 * network partition) may see its run taken over; its checkpoints then fail the lease check.
 */
export class Reaper {
  private timer: NodeJS.Timeout | undefined;
  private readonly queueWorkerIds = new Set<string>();

  constructor(
    private readonly sql: Sql,
    private readonly processId: string,
    private readonly deadAfterS: number,
    private readonly logger: Logger,
  ) {}

  addQueueWorker(id: string): void {
    this.queueWorkerIds.add(id);
  }

  /** Forgets queue workers of a pool that stopped (their jobs are unlocked by the caller). */
  removeQueueWorkers(ids: Iterable<string>): void {
    for (const id of ids) this.queueWorkerIds.delete(id);
  }

  async start(): Promise<void> {
    await this.tick();
    const everyMs = Math.max(1000, Math.floor((this.deadAfterS * 1000) / 4));
    this.timer = setInterval(() => {
      this.tick().catch((err) => this.logger.warn('reaper tick failed', { err }));
    }, everyMs);
    this.timer.unref();
  }

  /** One heartbeat plus one sweep. */
  async tick(): Promise<void> {
    await this.sql`
      insert into worker_heartbeats (process_id, hostname, pid, queue_worker_ids, last_seen_at)
      values (${this.processId}, ${hostname()}, ${String(process.pid)}, ${[...this.queueWorkerIds]}, now())
      on conflict (process_id) do update
        set last_seen_at = now(), queue_worker_ids = excluded.queue_worker_ids`;
    const dead = await this.sql<{ process_id: string; queue_worker_ids: string[] }[]>`
      delete from worker_heartbeats
      where last_seen_at < now() - make_interval(secs => ${this.deadAfterS})
      returning process_id, queue_worker_ids`;
    if (dead.length === 0) return;
    const ids = dead.flatMap((d) => d.queue_worker_ids);
    if (ids.length > 0) await this.sql`select graphile_worker.force_unlock_workers(${ids})`;
    this.logger.warn('released work of dead worker processes', {
      processes: dead.map((d) => d.process_id).join(','),
      queueWorkers: ids.length,
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sql`delete from worker_heartbeats where process_id = ${this.processId}`;
  }
}
