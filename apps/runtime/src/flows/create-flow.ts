import type { Context } from 'hono';
import * as q from '../db/queries/flows';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { checkConnectionsForSave, validateForDraft, validateForSave } from './flow-validation';
import { disableTrigger, enableRegistrations } from './trigger-activation';

/**
 * Makes `version` the flow's live version with what its trigger's `onEnable` registers; a REST
 * path another active flow holds is a 409. The switch is one upsert of the flow's active trigger
 * in one transaction, never a deactivate then an activate, so triggers accept events throughout
 * (test/administration.test.ts holds it to that). The replaced version's `onDisable` runs after.
 */
export async function activateFlowVersion(
  deps: AppDeps,
  flowId: string,
  version: q.FlowVersionRow,
): Promise<void> {
  // A draft saves with problems; going live needs every one of them fixed (422 naming each).
  validateForSave(version.graph);
  await checkConnectionsForSave(version.graph, deps.connections);
  let replaced: q.FlowVersionRow | null;
  try {
    replaced = await q.activateVersion(
      deps.db,
      flowId,
      version,
      enableRegistrations(version.graph),
    );
  } catch (err) {
    if (err instanceof q.PathTakenError) throw new ApiError(409, 'TRIGGER_PATH_TAKEN', err.message);
    throw err;
  }
  deps.triggers.invalidate();
  if (replaced) disableTrigger(flowId, replaced.graph, 'replaced');
}

/** Stops the flow's live version, if any, and tells its trigger (`onDisable`). */
export async function deactivateFlowVersion(deps: AppDeps, flowId: string): Promise<void> {
  const live = await q.deactivateFlow(deps.db, flowId);
  deps.triggers.invalidate();
  if (live) disableTrigger(flowId, live.graph, 'deactivated');
}

/**
 * Deletes the flow (softly) and tells its live version's trigger (`onDisable`); false when there
 * is no such flow.
 */
export async function deleteFlowAndTrigger(deps: AppDeps, flowId: string): Promise<boolean> {
  const deleted = await q.deleteFlow(deps.db, flowId);
  if (!deleted) return false;
  deps.triggers.invalidate();
  if (deleted.live) disableTrigger(flowId, deleted.live.graph, 'deleted');
  return true;
}

/**
 * Creates a flow at version 1 the one way every caller does (`POST /api/flows`, template
 * installs): the graph validated as every save is, its connections checked (or, for a `draft`,
 * its problems kept to be listed), optionally activated, and the creation audited. Returns the
 * new flow's id.
 */
export async function createFlow(
  deps: AppDeps,
  c: Context,
  input: {
    name: string;
    description: string;
    graph: unknown;
    message: string;
    activate: boolean;
    draft?: boolean;
  },
): Promise<{ flowId: string; version: q.FlowVersionRow }> {
  const { graph, trigger } = await checkedGraph(
    deps,
    input.graph,
    input.draft === true && !input.activate,
  );
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

/**
 * The graph a save keeps: a valid one, or with `draft` any graph of the right shape (its problems
 * are listed with the flow and block activation).
 */
export async function checkedGraph(deps: AppDeps, input: unknown, draft: boolean) {
  if (draft) return validateForDraft(input, deps.connections);
  const { graph, trigger } = validateForSave(input);
  await checkConnectionsForSave(graph, deps.connections);
  return { graph, trigger };
}
