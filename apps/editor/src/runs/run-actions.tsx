import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';
import { cancelRun, replayRun, retryRun, type RunDetail } from '../api/runs-api';
import { navigate } from '../app/router';
import { hasRole } from '../lib/roles';
import { useToasts } from '../ui/toasts';
import { ReplayEditDialog } from './replay-edit-dialog';

/**
 * What an operator can do with a run, offered only when the run's state allows it and the
 * signed-in role may (operators and up; viewers see the run only): retry from the failed step on
 * the version that ran or the latest one, replay, replay with edited input, cancel. The replay
 * of a test run is a test run again (the runtime decides; the button says so beforehand).
 */
export function RunActions({
  run,
  me,
}: {
  run: Pick<RunDetail, 'id' | 'status' | 'trigger' | 'test'>;
  me: Me;
}) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  if (!hasRole(me.role, 'operator')) {
    return <span className="hint">Viewers can inspect runs; operators can retry and replay.</span>;
  }
  const refresh = () => qc.invalidateQueries({ queryKey: queryKeys.run(run.id) });
  const act = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
      toasts.info(done);
      await refresh();
    } catch (err) {
      toasts.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const failed = run.status === 'failed';
  const replayed = (replay: { test: 'simulator' | 'live' | null }, what: string) =>
    replay.test === null
      ? `${what} as a new run`
      : replay.test === 'simulator'
        ? `${what} as a new test run: live PayTrace goes to the simulator`
        : `${what} as a new test run with live calls`;
  const cancellable = ['queued', 'waiting', 'running'].includes(run.status);
  return (
    <div className="run-actions" aria-label="Run actions">
      {failed && (
        <>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void act(() => retryRun(run.id, 'same'), 'Retrying from the failed step')
            }
          >
            Retry from failed step
          </button>
          <button
            type="button"
            disabled={busy}
            title="Retry from the failed step on the flow's latest saved version (after a fix)"
            onClick={() =>
              void act(
                () => retryRun(run.id, 'latest'),
                'Retrying from the failed step on the latest version',
              )
            }
          >
            Retry on latest version
          </button>
        </>
      )}
      <button
        type="button"
        disabled={busy}
        title={
          run.test === null
            ? 'Run the same event again as a new run on the live version'
            : 'A test run again, up to the same node: live PayTrace goes to the simulator, nothing is charged'
        }
        onClick={() => {
          setBusy(true);
          replayRun(run.id)
            .then((replay) => {
              toasts.info(replayed(replay, 'Replaying'));
              navigate(`/runs/${replay.runId}`);
            })
            .catch((err: unknown) => toasts.error(errorMessage(err)))
            .finally(() => setBusy(false));
        }}
      >
        {run.test === null ? 'Replay' : 'Replay as a test run'}
      </button>
      <button type="button" disabled={busy} onClick={() => setEditing(true)}>
        Replay with edited input…
      </button>
      {cancellable && (
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => void act(() => cancelRun(run.id), 'Cancelled')}
        >
          Cancel run
        </button>
      )}
      {editing && (
        <ReplayEditDialog
          trigger={run.trigger}
          onClose={() => setEditing(false)}
          onReplay={async (payload) => {
            const replay = await replayRun(run.id, payload);
            setEditing(false);
            toasts.info(replayed(replay, 'Replaying the edited event'));
            navigate(`/runs/${replay.runId}`);
          }}
        />
      )}
    </div>
  );
}
