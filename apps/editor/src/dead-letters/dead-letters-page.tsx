import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';
import {
  getRun,
  listDeadLetterGroups,
  replayRun,
  resolveDeadLetters,
  type DeadLetterGroup,
  type RunDetail,
} from '../api/runs-api';
import { navigate } from '../app/router';
import { hasRole } from '../lib/roles';
import { BulkProgress, type BulkProgressState } from '../runs/bulk-progress';
import { ReplayEditDialog } from '../runs/replay-edit-dialog';
import { useBulkRuns } from '../runs/use-bulk-runs';
import { NoteDialog } from '../ui/note-dialog';
import { useToasts } from '../ui/toasts';
import { DeadLetterGroupView } from './dead-letter-group';
import '../runs/runs.css';

type ResolveTarget = { ids: string[] } | { group: DeadLetterGroup };

/**
 * `/dead-letters`: runs that failed for good, grouped by flow and error code so one broken
 * mapping is one line, not five hundred. Each group retries (on the same or the latest version)
 * or resolves with a note in bulk, with the Runs page's progress bar; each dead letter is a
 * click from its run, and can be edited and retried.
 */
export function DeadLettersPage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const canAct = hasRole(me.role, 'operator');
  const groups = useQuery({
    queryKey: [...queryKeys.deadLetters, 'groups'],
    queryFn: listDeadLetterGroups,
    refetchInterval: 5000,
  });
  const bulk = useBulkRuns();
  const [resolved, setResolved] = useState<BulkProgressState | null>(null);
  const [resolving, setResolving] = useState<ResolveTarget | null>(null);
  const [editing, setEditing] = useState<RunDetail | null>(null);
  const count = (t: ResolveTarget) => ('ids' in t ? t.ids.length : t.group.count);

  const resolve = async (target: ResolveTarget, resolution: string) => {
    const answer = await resolveDeadLetters(
      'ids' in target
        ? { ids: target.ids, resolution }
        : { group: { flowId: target.group.flowId, code: target.group.code }, resolution },
    );
    const total = count(target);
    setResolving(null);
    setResolved({
      action: 'Resolve',
      total,
      done: total,
      succeeded: answer.resolved,
      failed: Math.max(0, total - answer.resolved),
      finished: true,
      failures: [],
    });
    await qc.invalidateQueries({ queryKey: queryKeys.deadLetters });
    await qc.invalidateQueries({ queryKey: ['runs'] });
  };

  const progress = bulk.progress ?? resolved;
  return (
    <main className="page-body runs-page">
      <header className="page-header">
        <h1>Dead letters</h1>
        <a
          href="/runs?status=dead-lettered"
          onClick={(e) => {
            e.preventDefault();
            navigate('/runs?status=dead-lettered');
          }}
        >
          As runs
        </a>
      </header>
      {progress && (
        <BulkProgress
          progress={progress}
          onDismiss={() => {
            bulk.dismiss();
            setResolved(null);
          }}
        />
      )}
      {bulk.error && (
        <p className="error-text" role="alert">
          {bulk.error}
        </p>
      )}
      {groups.isError ? (
        <p className="error-text" role="alert">
          Could not load dead letters: {errorMessage(groups.error)}
        </p>
      ) : !groups.data ? (
        <p className="hint">Loading dead letters…</p>
      ) : groups.data.length === 0 ? (
        <p className="empty-state">No open dead letters: every failed run has been handled.</p>
      ) : (
        groups.data.map((g) => (
          <DeadLetterGroupView
            key={`${g.flowId}:${g.code ?? ''}`}
            group={g}
            canAct={canAct}
            busy={bulk.running}
            onRetry={(runIds, version) => {
              setResolved(null);
              void bulk.start('retry', runIds, version);
            }}
            onResolve={setResolving}
            onEditRetry={(runId) => {
              getRun(runId).then(setEditing, (err: unknown) => toasts.error(errorMessage(err)));
            }}
          />
        ))
      )}
      {resolving && (
        <NoteDialog
          title={
            count(resolving) === 1
              ? 'Resolve dead letter'
              : `Resolve ${count(resolving)} dead letters`
          }
          label="How was it handled?"
          placeholder="e.g. Charged by hand in PayTrace; order marked paid"
          missingNote="Say how it was handled"
          onClose={() => setResolving(null)}
          onResolve={(note) => resolve(resolving, note)}
        />
      )}
      {editing && (
        <ReplayEditDialog
          trigger={editing.trigger}
          onClose={() => setEditing(null)}
          onReplay={async (payload) => {
            const replay = await replayRun(editing.id, payload);
            setEditing(null);
            toasts.info('Retrying with the edited event as a new run');
            await qc.invalidateQueries({ queryKey: queryKeys.deadLetters });
            navigate(`/runs/${replay.runId}`);
          }}
        />
      )}
    </main>
  );
}
