import { z } from '@hono/zod-openapi';
import type { FlowGraph } from '@paybridge/engine';
import type { Db } from '../db/client';
import * as q from '../db/queries/flows';
import { ApiError } from '../http/api-error';
import { validateForSave } from './flow-validation';

/**
 * Which saved version a run by hand uses: `active`, `latest` (what the editor just saved, even
 * while an older version is live), or a version number. Omitted: the active version, else the
 * latest, as before the option existed.
 */
export const ManualRunVersion = z.union([
  z.enum(['active', 'latest']),
  z.number().int().positive(),
]);

/**
 * Finds the version a manual run should execute and checks that `stopAfter`, when given, names
 * nodes of that version's graph: an unknown id would otherwise only show up later as a failed
 * run, so it is refused here with the ids the graph does have.
 */
export async function manualRunTarget(
  db: Db,
  flowId: string,
  opts: { version?: z.infer<typeof ManualRunVersion>; stopAfter?: readonly string[] },
): Promise<{ versionId: string; version: number; graph: FlowGraph }> {
  const row = await q.findFlow(db, flowId);
  if (!row) throw new ApiError(404, 'FLOW_NOT_FOUND', `No flow with id ${flowId}`);
  const wanted = opts.version;
  let versionNo: number;
  if (wanted === 'active') {
    if (row.activeVersion === null) {
      throw new ApiError(409, 'FLOW_NOT_ACTIVE', 'The flow has no active version to run');
    }
    versionNo = row.activeVersion;
  } else if (wanted === 'latest') versionNo = row.flow.latestVersion;
  else versionNo = wanted ?? row.activeVersion ?? row.flow.latestVersion;
  const version = await q.findVersion(db, flowId, versionNo);
  if (!version) throw new ApiError(404, 'VERSION_NOT_FOUND', `Flow has no version ${versionNo}`);
  // A draft saved with problems does not run: the answer names each problem by node and field.
  validateForSave(version.graph);
  const ids = version.graph.nodes.map((n) => n.id);
  const unknown = opts.stopAfter?.find((id) => !ids.includes(id));
  if (unknown !== undefined) {
    throw new ApiError(
      400,
      'UNKNOWN_NODE',
      `stopAfter: version ${versionNo} of this flow has no node "${unknown}" (it has: ${ids.join(', ')})`,
    );
  }
  return { versionId: version.id, version: versionNo, graph: version.graph };
}
