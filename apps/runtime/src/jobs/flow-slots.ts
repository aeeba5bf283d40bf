/**
 * The share of a worker's job slots one flow may hold at once. A flood of slow runs of one flow
 * (each holding a slot while its expression runs to its time limit) would otherwise take every
 * slot, and a sync request to another flow would wait for the flood to drain. The slots kept
 * back are an eighth of the concurrency (at least one): enough for other flows' runs, which pass
 * through quickly, while one flow alone keeps nearly all of its worker's throughput.
 */
export function perFlowSlots(concurrency: number): number {
  if (concurrency <= 1) return 1;
  return concurrency - Math.max(1, Math.floor(concurrency / 8));
}

/** The queue flag every job of a flow's runs carries, by which a full flow's jobs are skipped. */
export function flowFlag(flowId: string): string {
  return `flow:${flowId}`;
}

/**
 * Counts the job slots each flow holds in this process, and names the flows at their share so
 * the queue does not fetch their jobs (graphile-worker's `forbiddenFlags`): a flow's backlog
 * waits in the database, costing nothing, while other flows' jobs go past it.
 */
export class FlowSlots {
  private readonly held = new Map<string, number>();
  private readonly full = new Set<string>();

  constructor(private readonly perFlow: number) {}

  /**
   * Takes a slot for `flowId`; false when the flow already holds its share (idle workers woken
   * together can fetch one flow's jobs before the first of them marks it full).
   */
  take(flowId: string): boolean {
    const held = this.held.get(flowId) ?? 0;
    if (held >= this.perFlow) return false;
    this.held.set(flowId, held + 1);
    if (held + 1 >= this.perFlow) this.full.add(flowFlag(flowId));
    return true;
  }

  release(flowId: string): void {
    const left = (this.held.get(flowId) ?? 1) - 1;
    if (left > 0) this.held.set(flowId, left);
    else this.held.delete(flowId);
    if (left < this.perFlow) this.full.delete(flowFlag(flowId));
  }

  /**
   * Flags of the flows at their share, or null when none is: null keeps the queue's batched
   * fetching (a list, even empty, makes it fetch one job at a time).
   */
  forbidden(): string[] | null {
    return this.full.size === 0 ? null : [...this.full];
  }
}
