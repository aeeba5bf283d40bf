import type { RunDetail } from '../api/runs-api';
import { navigate } from '../app/router';
import { describeStepError } from './step-error';

function RunLink({ id, label }: { id: string; label?: string }) {
  return (
    <a
      href={`/runs/${id}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(`/runs/${id}`);
      }}
    >
      {label ?? <code>{id.slice(0, 8)}</code>}
    </a>
  );
}

/**
 * The run as a whole, shown while no node is selected: why it failed (with a jump to the failed
 * node), when it resumes, the trigger event, the runs of the same event and what it created.
 */
export function RunSummaryPanel({
  run,
  onSelectNode,
}: {
  run: RunDetail;
  onSelectNode?: (nodeId: string) => void;
}) {
  const error = describeStepError(run.error);
  return (
    <section aria-label="Run summary" data-testid="run-summary">
      {error && (
        <div className="error-block" role="group" aria-label="Run error">
          <h2>Why it failed</h2>
          <p>
            {error.code && <code>{error.code}</code>} {error.message}
          </p>
          {run.failedNodeId && onSelectNode && (
            <button
              type="button"
              className="link-button"
              onClick={() => onSelectNode(run.failedNodeId as string)}
            >
              Show the failed node <code>{run.failedNodeId}</code>
            </button>
          )}
        </div>
      )}
      {run.resumeAt && (
        <p>
          Resumes at <strong>{new Date(run.resumeAt).toLocaleString()}</strong>
        </p>
      )}
      {run.parentRunId && (
        <p>
          Replay of <RunLink id={run.parentRunId} />
        </p>
      )}
      <h2>Trigger event</h2>
      {run.dataPrunedAt && run.trigger == null ? (
        <p className="hint">Removed by the retention policy on {run.dataPrunedAt}.</p>
      ) : (
        <pre data-testid="run-trigger">{JSON.stringify(run.trigger, null, 2)}</pre>
      )}
      <p className="hint">
        Event <code>{run.eventId.slice(0, 8)}</code> · select a node on the canvas to see its input,
        output and error.
      </p>
    </section>
  );
}
