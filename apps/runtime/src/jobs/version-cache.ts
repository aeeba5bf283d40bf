import type { FlowGraph } from '@paybridge/engine';
import type { Db } from '../db/client';
import { findVersionById } from '../db/queries/flows';

/**
 * Flow versions never change once saved, so a worker loads each graph once. Bounded, oldest
 * entries dropped first, so a long-lived worker with many flows keeps a steady footprint.
 */
export class VersionCache {
  private readonly graphs = new Map<string, FlowGraph>();
  constructor(
    private readonly db: Db,
    private readonly limit = 1000,
  ) {}

  async get(versionId: string): Promise<FlowGraph> {
    const hit = this.graphs.get(versionId);
    if (hit) return hit;
    const row = await findVersionById(this.db, versionId);
    if (!row) throw new Error(`flow version ${versionId} not found`);
    if (this.graphs.size >= this.limit) {
      const oldest = this.graphs.keys().next().value;
      if (oldest !== undefined) this.graphs.delete(oldest);
    }
    this.graphs.set(versionId, row.graph);
    return row.graph;
  }
}
