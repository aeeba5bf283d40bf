import { triggerNodeOf, triggerTypesOn } from '@paybridge/nodes/definitions';
import type { Db } from '../db/client';
import { loadActiveTriggers, markScheduleFired } from '../db/queries/flows';
import type { IngestWriter } from '../ingest/ingest-writer';
import type { Logger } from '../logger';

/** At most this many missed fires are caught up per schedule after downtime. */
const MAX_CATCH_UP = 10;

/**
 * Turns due fires of the active schedule-channel triggers (as each kind declares them) into runs. Each fire is an event with the id
 * `<flow>@<fire time>`, so when several worker processes tick at once only one run is created.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly ingest: IngestWriter,
    private readonly logger: Logger,
    private readonly everyMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((err) => this.logger.warn('scheduler tick failed', { err }))
        .finally(() => (this.ticking = null));
    }, this.everyMs);
    this.timer.unref();
  }

  async tick(now = new Date()): Promise<number> {
    let fired = 0;
    for (const s of await loadActiveTriggers(this.db, triggerTypesOn('schedule'))) {
      const found = triggerNodeOf(s.graph);
      const since = s.lastFiredAt ?? s.activatedAt;
      const due = found?.trigger.dueFires?.(found.node, since, now, MAX_CATCH_UP) ?? [];
      for (const { at, event } of due) {
        await this.ingest.write({
          source: 'schedule',
          externalId: `${s.flowId}@${at.toISOString()}`,
          payload: event,
          runs: [{ flowId: s.flowId, versionId: s.versionId }],
        });
        fired++;
      }
      const last = due[due.length - 1];
      if (last) await markScheduleFired(this.db, s.flowId, last.at);
    }
    return fired;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }
}
