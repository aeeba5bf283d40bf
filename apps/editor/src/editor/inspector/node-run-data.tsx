import type { NodeRunState } from '../store/flow-types';

function pretty(value: unknown): string {
  if (value === undefined) return '(nothing)';
  return JSON.stringify(value, null, 2);
}

/** What a node received and produced in the run shown on the canvas. */
export function NodeRunData({ nodeId, run }: { nodeId: string; run: NodeRunState | undefined }) {
  if (!run) {
    return (
      <p className="hint">
        No run data for <code>{nodeId}</code> yet. Run the flow, or open a past run from the Runs
        panel, to see what this node received and produced.
      </p>
    );
  }
  return (
    <div className="run-data" data-testid="node-run-data">
      <p>
        Status <strong className={`run-badge run-${run.status}`}>{run.status}</strong>
        {run.port ? (
          <>
            {' '}
            on port <code>{run.port}</code>
          </>
        ) : null}{' '}
        in {run.durationMs} ms
      </p>
      {run.error != null && (
        <>
          <h4>Error</h4>
          <pre className="error-block">{pretty(run.error)}</pre>
        </>
      )}
      <h4>Input</h4>
      <pre data-testid="run-input">{pretty(run.input)}</pre>
      <h4>Output</h4>
      <pre data-testid="run-output">{pretty(run.output)}</pre>
    </div>
  );
}
