import { useReactFlow } from '@xyflow/react';
import type { FlowDetail } from '../api/flows-api';
import { useFlowStoreApi } from '../editor/store/flow-store-context';
import { RunsList } from '../editor/runs/runs-list';
import type { FlowIssues } from '../editor/validation/validate-flow';

/**
 * The inspector with no node selected: the flow's description, its problems and the runtime's
 * warnings, and its recent runs.
 */
export function FlowPanel({
  flow,
  description,
  onDescription,
  issues,
  readOnly,
  shownRunId,
  onOpenRun,
}: {
  flow: FlowDetail | null;
  description: string;
  onDescription: (text: string) => void;
  issues: FlowIssues;
  readOnly: boolean;
  shownRunId: string | null;
  onOpenRun: (runId: string) => void;
}) {
  const store = useFlowStoreApi();
  const { fitView } = useReactFlow();
  const nodeProblems = issues.problems.filter((p) => p.nodeId !== undefined);
  // Selecting the node opens it in the inspector, where the field carries the same message.
  const showNode = (nodeId: string) => {
    store.getState().selectOnly([nodeId]);
    void fitView({ nodes: [{ id: nodeId }], maxZoom: 1.2, duration: 200 });
  };
  // What the canvas finds while editing, then what the runtime says of the saved flow (overlaps
  // with other active flows); the same warning from both is listed once.
  const warnings = [...new Set([...issues.warnings, ...(flow?.warnings ?? [])])];
  return (
    <div className="flow-panel">
      <h2>Flow</h2>
      <label className="field">
        <span className="field-label">Description</span>
        <textarea
          rows={3}
          value={description}
          readOnly={readOnly}
          maxLength={5000}
          onChange={(e) => onDescription(e.target.value)}
        />
      </label>
      {(issues.flow.length > 0 || nodeProblems.length > 0) && (
        <section aria-label="Problems">
          <h3>Problems</h3>
          <p className="hint">The flow saves as a draft with these; fix them to activate it.</p>
          <ul className="problems">
            {issues.flow.map((m) => (
              <li key={m} className="error-text">
                {m}
              </li>
            ))}
            {nodeProblems.map((p, i) => (
              <li key={`${p.text}-${i}`} className="error-text">
                <button
                  type="button"
                  className="problem-link"
                  onClick={() => showNode(p.nodeId as string)}
                  title="Select this node"
                >
                  {p.text}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {warnings.length > 0 && (
        <section aria-label="Warnings">
          <h3>Warnings</h3>
          <ul className="problems">
            {warnings.map((w) => (
              <li key={w} className="warning-text">
                {w}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h3>Runs</h3>
      {flow ? (
        <RunsList flowId={flow.id} shownRunId={shownRunId} onOpen={onOpenRun} />
      ) : (
        <p className="hint">Save the flow to run it.</p>
      )}
      <p className="hint">Select a node to edit it. Press ? for keyboard shortcuts.</p>
    </div>
  );
}
