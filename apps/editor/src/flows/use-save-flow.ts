import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiFailure } from '../api/api-failure';
import {
  activateFlow,
  createFlow,
  deactivateFlow,
  saveFlow,
  type FlowDetail,
} from '../api/flows-api';
import { queryKeys } from '../api/query-keys';
import type { FlowStore } from '../editor/store/flow-store';
import type { NodeIssue } from '../editor/store/flow-types';

/** Maps the runtime's 422 issues (paths into the graph) onto nodes, like local validation. */
export function issuesFromFailure(
  err: unknown,
  store: FlowStore,
): Record<string, NodeIssue[]> | null {
  if (!(err instanceof ApiFailure) || err.issues.length === 0) return null;
  const nodes = store.getState().nodes;
  const byNode: Record<string, NodeIssue[]> = {};
  for (const issue of err.issues) {
    const index = issue.path?.[0] === 'nodes' ? issue.path[1] : undefined;
    const id = issue.nodeId ?? (typeof index === 'number' ? nodes[index]?.id : undefined);
    if (!id) continue;
    (byNode[id] ??= []).push({
      path: issue.path?.[2] === 'config' ? issue.path.slice(3) : [],
      message: issue.message,
      code: issue.code ?? 'INVALID',
      severity: 'error',
    });
  }
  return byNode;
}

/**
 * Save (create on first save, then a new version each time), activate, make a given version
 * live, and deactivate, each
 * refreshing the cached flow and list so every view agrees with the runtime.
 */
export function useFlowMutations(flowId: string | null, onSaved: (flow: FlowDetail) => void) {
  const qc = useQueryClient();
  const refresh = (flow: FlowDetail) => {
    qc.setQueryData(queryKeys.flow(flow.id), flow);
    void qc.invalidateQueries({ queryKey: queryKeys.flows, exact: true });
    void qc.invalidateQueries({ queryKey: queryKeys.versions(flow.id) });
  };
  const save = useMutation({
    mutationFn: (input: Parameters<typeof saveFlow>[1] & { name: string }) =>
      flowId ? saveFlow(flowId, input) : createFlow(input),
    onSuccess: (flow) => {
      refresh(flow);
      onSaved(flow);
    },
  });
  const activate = useMutation({
    mutationFn: (id: string) => activateFlow(id),
    onSuccess: refresh,
  });
  // One request: the runtime swaps the live version in one step, never deactivating in between.
  const makeLive = useMutation({
    mutationFn: (input: { id: string; version: number }) => activateFlow(input.id, input.version),
    onSuccess: refresh,
  });
  const deactivate = useMutation({
    mutationFn: (id: string) => deactivateFlow(id),
    onSuccess: refresh,
  });
  return { save, activate, makeLive, deactivate };
}
