import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-failure';
import { listAudit, type AuditEntry, type AuditFilters } from './admin-api';

/** Families of audited actions (the runtime matches a family as a prefix: `token` = `token.*`). */
const ACTIONS = [
  '',
  'login',
  'user',
  'token',
  'flow',
  'run',
  'deadletter',
  'connection',
  'secrets',
  'template',
  'ledger',
  'setup',
];

/** A `datetime-local` value (local time, no zone) as the ISO instant the runtime expects. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function actorText(e: AuditEntry): string {
  return e.actorLabel ?? e.actorId ?? e.actorType;
}

/**
 * The audit log (admins): who did what to which object and when, newest first, filtered by
 * action family, actor, target and time range, paged backwards with the runtime's cursor.
 */
export function AuditSettings() {
  const [draft, setDraft] = useState({ action: '', actor: '', target: '', since: '', until: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const audit = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => listAudit(filters, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const since = toIso(draft.since);
    const until = toIso(draft.until);
    setFilters({
      ...(draft.action ? { action: draft.action } : {}),
      ...(draft.actor.trim() ? { actor: draft.actor.trim() } : {}),
      ...(draft.target.trim() ? { targetId: draft.target.trim() } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
    });
  };
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  return (
    <section className="card">
      <h2>Audit log</h2>
      <form className="settings-form" onSubmit={apply} aria-label="Filter the audit log">
        <label>
          Action
          <select value={draft.action} onChange={set('action')}>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a ? `${a}.*` : 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor
          <input value={draft.actor} onChange={set('actor')} placeholder="email or token name" />
        </label>
        <label>
          Target id
          <input value={draft.target} onChange={set('target')} placeholder="flow, user, token id" />
        </label>
        <label>
          From
          <input type="datetime-local" value={draft.since} onChange={set('since')} />
        </label>
        <label>
          To
          <input type="datetime-local" value={draft.until} onChange={set('until')} />
        </label>
        <button type="submit">Apply filters</button>
      </form>
      {audit.isError && (
        <p className="error-text" role="alert">
          {errorMessage(audit.error)}
        </p>
      )}
      {audit.isSuccess && entries.length === 0 && (
        <p className="hint">No entries match these filters.</p>
      )}
      {entries.length > 0 && (
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Target</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-entry">
                <td>{new Date(e.at).toLocaleString()}</td>
                <td title={e.ip ?? undefined}>{actorText(e)}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</td>
                <td className="audit-details">
                  {e.details == null ? '' : JSON.stringify(e.details)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {audit.hasNextPage && (
        <button
          type="button"
          disabled={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          {audit.isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </button>
      )}
    </section>
  );
}
