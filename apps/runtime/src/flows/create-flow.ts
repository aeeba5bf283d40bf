import type { Context } from 'hono';
import * as q from '../db/queries/flows';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { checkConnectionsForSave, validateForSave } from './flow-validation';

/**
 * Makes `version` the flow's live version; a REST path another active flow holds is a 409. The
 * switch is one upsert of the flow's active trigger in one transaction, never a deactivate then an
 * activate, so triggers accept events throughout (test/administration.test.ts holds it to that).
 */
export async function activateFlowVersion(
  deps: AppDeps,
  flowId: string,
  version: q.FlowVersionRow,
): Promise<void> {
  try {
    await q.activateVersion(deps.db, flowId, version);
  } catch (err) {
    if (err instanceof q.PathTakenError) throw new ApiError(409, 'TRIGGER_PATH_TAKEN', err.message);
    throw err;
  }
  deps.triggers.invalidate();
}

/**
 * Creates a flow at version 1 the one way every caller does (`POST /api/flows`, template
 * installs): the graph validated as every save is, its connections checked, optionally
 * activated, and the creation audited. Returns the new flow's id.
 */
export async function createFlow(
  deps: AppDeps,
  c: Context,
  input: { name: string; description: string; graph: unknown; message: string; activate: boolean },
): Promise<{ flowId: string; version: q.FlowVersionRow }> {
  const { graph, trigger } = validateForSave(input.graph);
  await checkConnectionsForSave(graph, deps.connections);
  const { flow, version } = await q.insertFlow(deps.db, {
    name: input.name,
    description: input.description,
    graph,
    message: input.message,
    trigger,
  });
  if (input.activate) await activateFlowVersion(deps, flow.id, version);
  await deps.audit.record(c, {
    action: 'flow.create',
    targetType: 'flow',
    targetId: flow.id,
    details: { name: flow.name, version: 1, activated: input.activate },
  });
  return { flowId: flow.id, version };
}
