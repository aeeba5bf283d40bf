import type { NodeRunState } from '../editor/store/flow-types';
import { formatMs } from './run-status';
import { RunStatusBadge } from './run-status-badge';
import { describeStepError } from './step-error';

function pretty(value: unknown): string {
  if (value === undefined) return '(nothing)';
  return JSON.stringify(value, null, 2);
}

/**
 * The selected node in the run view: status, attempts, duration, when the next attempt is due,
 * the error (code, message, the HTTP exchange of a connector call) and what it received and
 * produced. Secrets are scrubbed by the runtime before they get here.
 */
export function RunNodeDetail({
  nodeId,
  state,
}: {
  nodeId: string;
  state: NodeRunState | undefined;
}) {
  if (!state) {
    return (
      <section aria-label={`Node ${nodeId}`}>
        <h2>
          <code>{nodeId}</code>
        </h2>
        <p className="hint">This node did not run in this run.</p>
      </section>
    );
  }
  const error = describeStepError(state.error);
  return (
    <section aria-label={`Node ${nodeId}`} data-testid="run-node-detail">
      <h2>
        <code>{nodeId}</code> <RunStatusBadge status={state.status} />
      </h2>
      <dl className="facts">
        <dt>Attempts</dt>
        <dd>{state.attempts ?? 1}</dd>
        <dt>Duration</dt>
        <dd>{formatMs(state.durationMs)}</dd>
        {state.port && (
          <>
            <dt>Port</dt>
            <dd>
              <code>{state.port}</code>
            </dd>
          </>
        )}
        {state.resumeAt && (
          <>
            <dt>Next attempt</dt>
            <dd data-testid="next-attempt">{new Date(state.resumeAt).toLocaleString()}</dd>
          </>
        )}
      </dl>
      {error && (
        <div className="error-block" role="group" aria-label="Error" data-testid="run-node-error">
          <h3>Error</h3>
          <p>
            {error.code && <code>{error.code}</code>} {error.message}
            {error.errorClass && <span className="hint"> ({error.errorClass})</span>}
          </p>
          {error.details != null && <pre>{pretty(error.details)}</pre>}
        </div>
      )}
      {state.http && (
        <div className="http-exchange" data-testid="http-exchange">
          <p>
            {state.http.method ?? 'HTTP'} {state.http.target ?? ''} →{' '}
            <strong>{state.http.status ?? 'no answer'}</strong>
          </p>
          {state.http.responseBody && <pre>{state.http.responseBody}</pre>}
        </div>
      )}
      <h3>Input</h3>
      <pre data-testid="run-node-input">{pretty(state.input)}</pre>
      <h3>Output</h3>
      <pre data-testid="run-node-output">{pretty(state.output)}</pre>
    </section>
  );
}
