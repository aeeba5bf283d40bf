/**
 * The share of a worker's job slots one flow may hold at once. A flood of slow runs of one flow
 * (each holding a slot while its expression runs to its time limit) would otherwise take every
 * slot, and a sync request to another flow would wait for the flood to drain. The slots kept
 * back are a quarter of the concurrency (at least one), so one flow alone still gets the rest.
 */
export function perFlowSlots(concurrency: number): number {
  if (concurrency <= 1) return 1;
  return concurrency - Math.max(1, Math.floor(concurrency / 4));
}

/** Counts the job slots each flow holds in this process. */
export class FlowSlots {
  private readonly held = new Map<string, number>();

  constructor(private readonly perFlow: number) {}

  /** Takes a slot for `flowId` unless it already holds its share; false means "defer". */
  tryTake(flowId: string): boolean {
    const now = this.held.get(flowId) ?? 0;
    if (now >= this.perFlow) return false;
    this.held.set(flowId, now + 1);
    return true;
  }

  release(flowId: string): void {
    const left = (this.held.get(flowId) ?? 1) - 1;
    if (left > 0) this.held.set(flowId, left);
    else this.held.delete(flowId);
  }
}
