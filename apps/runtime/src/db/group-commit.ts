/** One write waiting for its batch, with how to answer its caller. */
export interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: concurrent writes wait while a batch is being written and go together in the
 * next one, so under load N callers cost one statement and one commit, and a lone caller is not
 * delayed at all (its batch starts at once). `writeBatch` answers every item of its batch; when
 * it throws for a batch of several, the items are written again one by one, so one poisoned item
 * does not fail its neighbours.
 */
export class GroupCommit<T, R> {
  private pending: Pending<T, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly writeBatch: (batch: Pending<T, R>[]) => Promise<void>,
    private readonly opts: { maxBatch?: number; parallel?: number } = {},
  ) {}

  /** Resolves with what the batch that carried `item` answered for it. */
  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    const parallel = this.opts.parallel ?? 1;
    while (this.inFlight < parallel && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.opts.maxBatch ?? 256);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Pending<T, R>[]): Promise<void> {
    try {
      await this.writeBatch(batch);
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const p of batch) {
        try {
          await this.writeBatch([p]);
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }
}
