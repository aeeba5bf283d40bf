import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { listConnections } from '../api/connections-api';
import { hasRole } from '../lib/roles';
import { ErrorText } from '../ui/error-text';
import {
  createAlertChannel,
  createAlertRule,
  deleteAlertChannel,
  deleteAlertRule,
  listAlertChannels,
  listAlertHistory,
  listAlertRules,
  listErrorFlows,
  setErrorFlow,
  testAlertChannel,
  type AlertChannel,
  type AlertRule,
  type AlertRuleInput,
} from './alerts-api';

const keys = {
  channels: ['alerts', 'channels'] as const,
  rules: ['alerts', 'rules'] as const,
  history: ['alerts', 'history'] as const,
  errorFlows: ['alerts', 'error-flows'] as const,
  smtp: ['connections', { type: 'smtp' }] as const,
};

type Kind = AlertRuleInput['kind'];

/** What each rule kind watches, and the thresholds it asks for (with their defaults). */
const KINDS: Record<Kind, { label: string; perFlow: boolean; params: [string, string, number][] }> =
  {
    run_failed: { label: 'Run failures', perFlow: true, params: [] },
    dead_letter: { label: 'Dead letters', perFlow: true, params: [] },
    decline_rate: {
      label: 'Decline rate above a threshold',
      perFlow: true,
      params: [
        ['thresholdPercent', 'Threshold (%)', 30],
        ['windowMinutes', 'Window (minutes)', 60],
        ['minRuns', 'At least this many payment runs', 10],
      ],
    },
    reconciliation_lag: {
      label: 'Shopify reconciliation lag',
      perFlow: false,
      params: [['minutes', 'Lag above (minutes)', 30]],
    },
    worker_silent: {
      label: 'Worker stopped heartbeating',
      perFlow: false,
      params: [
        ['minWorkers', 'Workers expected', 1],
        ['seconds', 'Silent after (seconds)', 60],
      ],
    },
    queue_age: {
      label: 'Queue older than N minutes',
      perFlow: false,
      params: [['minutes', 'Oldest queued run above (minutes)', 10]],
    },
  };

function describeRule(rule: AlertRule): string {
  const scope = KINDS[rule.kind].perFlow ? (rule.flowName ?? 'all flows') : '';
  const params = KINDS[rule.kind].params
    .map(([key, label]) => `${label}: ${rule.params[key] ?? '?'}`)
    .join(', ');
  return [KINDS[rule.kind].label, scope, params].filter(Boolean).join(' · ');
}

/**
 * The Alerts settings tab: where alerts go (email through an SMTP connection, or a
 * Slack-compatible webhook), which conditions raise them, what was sent, and which flow runs when
 * a flow's run fails for good. Operators and admins change; everyone else reads.
 */
export function AlertsSettings({ me }: { me: Me }) {
  const canChange = hasRole(me.role, 'operator');
  const channels = useQuery({ queryKey: keys.channels, queryFn: listAlertChannels });
  const rules = useQuery({ queryKey: keys.rules, queryFn: listAlertRules });
  const history = useQuery({
    queryKey: keys.history,
    queryFn: listAlertHistory,
    refetchInterval: 5000,
  });
  const failed = channels.error ?? rules.error ?? history.error;
  return (
    <div className="alerts-settings">
      {failed && <ErrorText message={`Could not load alerts: ${errorMessage(failed)}`} />}
      {!canChange && <p className="hint">Only operators and admins can change alerts.</p>}
      <ChannelsSection channels={channels.data ?? []} canChange={canChange} />
      <RulesSection rules={rules.data ?? []} channels={channels.data ?? []} canChange={canChange} />
      <section className="card" aria-labelledby="alert-history">
        <h2 id="alert-history">History</h2>
        {history.data?.length === 0 && <p className="hint">No alerts yet.</p>}
        <ul className="alert-history" data-testid="alert-history">
          {history.data?.map((n) => (
            <li key={n.id} className={`alert-notice alert-${n.kind}`}>
              {n.kind !== 'resolved' && (
                <strong>{n.kind === 'fired' ? 'Fired' : 'Still firing'}</strong>
              )}{' '}
              {n.title} <span className="hint">({n.count})</span>{' '}
              <time dateTime={n.createdAt}>{new Date(n.createdAt).toLocaleString()}</time>
              <div className="hint">
                {n.deliveries.length === 0
                  ? 'No channel'
                  : n.deliveries
                      .map((d) =>
                        d.sent ? 'sent' : `not sent yet${d.lastError ? `: ${d.lastError}` : ''}`,
                      )
                      .join('; ')}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <ErrorFlowsSection canChange={canChange} />
    </div>
  );
}

function ChannelsSection({
  channels,
  canChange,
}: {
  channels: AlertChannel[];
  canChange: boolean;
}) {
  const qc = useQueryClient();
  const smtp = useQuery({
    queryKey: keys.smtp,
    queryFn: () => listConnections('smtp'),
    enabled: canChange,
  });
  const [kind, setKind] = useState<'webhook' | 'email'>('webhook');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [connectionId, setConnectionId] = useState('');
  const [recipients, setRecipients] = useState('');
  const [tested, setTested] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () =>
      createAlertChannel(
        kind === 'webhook'
          ? { kind, name, url }
          : {
              kind,
              name,
              connectionId,
              recipients: recipients
                .split(',')
                .map((r) => r.trim())
                .filter(Boolean),
            },
      ),
    onSuccess: async () => {
      setName('');
      setUrl('');
      setRecipients('');
      await qc.invalidateQueries({ queryKey: keys.channels });
    },
  });
  const remove = useMutation({
    mutationFn: deleteAlertChannel,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['alerts'] }),
  });
  const test = useMutation({
    mutationFn: async (id: string) => ({ id, result: await testAlertChannel(id) }),
    onSuccess: ({ id, result }) => setTested((t) => ({ ...t, [id]: result.message })),
    onError: (err, id) => setTested((t) => ({ ...t, [id]: errorMessage(err) })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby="alert-channels">
      <h2 id="alert-channels">Channels</h2>
      {channels.length === 0 && <p className="hint">No channels yet.</p>}
      <ul className="alert-channels">
        {channels.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong>{' '}
            <span className="hint">
              {c.kind === 'email'
                ? `Email via ${c.connectionName ?? '?'} to ${c.recipients.join(', ')}`
                : c.builtin
                  ? 'Webhook from PAYBRIDGE_ALERT_WEBHOOK_URL'
                  : 'Webhook (URL saved, not shown)'}
            </span>
            {canChange && (
              <>
                {' '}
                <button
                  type="button"
                  aria-label={`Send test to ${c.name}`}
                  onClick={() => test.mutate(c.id)}
                >
                  Send test
                </button>
                {!c.builtin && (
                  <button
                    type="button"
                    aria-label={`Delete channel ${c.name}`}
                    onClick={() => remove.mutate(c.id)}
                  >
                    Delete
                  </button>
                )}
              </>
            )}
            {tested[c.id] && (
              <span role="status" className="hint">
                {' '}
                {tested[c.id]}
              </span>
            )}
          </li>
        ))}
      </ul>
      {canChange && (
        <form onSubmit={submit} aria-label="New channel" className="stack">
          <label>
            Kind{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as 'webhook' | 'email')}>
              <option value="webhook">Webhook (Slack-compatible)</option>
              <option value="email">Email</option>
            </select>
          </label>
          <label>
            Channel name <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          {kind === 'webhook' ? (
            <label>
              Webhook URL{' '}
              <input
                type="password"
                autoComplete="off"
                value={url}
                placeholder="https://hooks.slack.com/services/…"
                onChange={(e) => setUrl(e.target.value)}
                required
              />
            </label>
          ) : (
            <>
              <label>
                SMTP connection{' '}
                <select
                  value={connectionId}
                  onChange={(e) => setConnectionId(e.target.value)}
                  required
                >
                  <option value="">Choose…</option>
                  {smtp.data?.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Recipients{' '}
                <input
                  value={recipients}
                  placeholder="ops@example.com, owner@example.com"
                  onChange={(e) => setRecipients(e.target.value)}
                  required
                />
              </label>
            </>
          )}
          <button type="submit" className="primary" disabled={create.isPending}>
            Add channel
          </button>
          <ErrorText message={create.error ? errorMessage(create.error) : null} />
        </form>
      )}
    </section>
  );
}

function RulesSection({
  rules,
  channels,
  canChange,
}: {
  rules: AlertRule[];
  channels: AlertChannel[];
  canChange: boolean;
}) {
  const qc = useQueryClient();
  const flows = useQuery({ queryKey: keys.errorFlows, queryFn: listErrorFlows });
  const [kind, setKind] = useState<Kind>('run_failed');
  const [name, setName] = useState('');
  const [flowId, setFlowId] = useState('');
  const [quietMinutes, setQuietMinutes] = useState(15);
  const [params, setParams] = useState<Record<string, number>>({});
  const [picked, setPicked] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => {
      const base = { name, quietSeconds: Math.round(quietMinutes * 60), channelIds: picked };
      const scope = { flowId: flowId || null };
      const values = Object.fromEntries(
        KINDS[kind].params.map(([key, , fallback]) => [key, params[key] ?? fallback]),
      );
      const input = (
        KINDS[kind].perFlow ? { kind, ...base, ...scope } : { kind, ...base }
      ) as AlertRuleInput;
      return createAlertRule(
        KINDS[kind].params.length > 0 ? ({ ...input, params: values } as AlertRuleInput) : input,
      );
    },
    onSuccess: async () => {
      setName('');
      await qc.invalidateQueries({ queryKey: keys.rules });
    },
  });
  const remove = useMutation({
    mutationFn: deleteAlertRule,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['alerts'] }),
  });
  return (
    <section className="card" aria-labelledby="alert-rules">
      <h2 id="alert-rules">Rules</h2>
      {rules.length === 0 && <p className="hint">No rules yet.</p>}
      <ul className="alert-rules">
        {rules.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong> {r.firing && <span className="badge">firing</span>}{' '}
            <span className="hint">
              {describeRule(r)} · quiet {Math.round(r.quietSeconds / 6) / 10} min ·{' '}
              {r.channelIds.length} channel(s)
            </span>
            {canChange && !r.builtin && (
              <button
                type="button"
                aria-label={`Delete rule ${r.name}`}
                onClick={() => remove.mutate(r.id)}
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {canChange && (
        <form
          aria-label="New rule"
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <label>
            Condition{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {Object.entries(KINDS).map(([value, k]) => (
                <option key={value} value={value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Rule name <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          {KINDS[kind].perFlow && (
            <label>
              Flow{' '}
              <select value={flowId} onChange={(e) => setFlowId(e.target.value)}>
                <option value="">All flows</option>
                {flows.data?.map((f) => (
                  <option key={f.flowId} value={f.flowId}>
                    {f.flowName}
                  </option>
                ))}
              </select>
            </label>
          )}
          {KINDS[kind].params.map(([key, label, fallback]) => (
            <label key={key}>
              {label}{' '}
              <input
                type="number"
                min={1}
                value={params[key] ?? fallback}
                onChange={(e) => setParams((p) => ({ ...p, [key]: Number(e.target.value) }))}
              />
            </label>
          ))}
          <label>
            Quiet period (minutes){' '}
            <input
              type="number"
              min={0.1}
              step="any"
              value={quietMinutes}
              onChange={(e) => setQuietMinutes(Number(e.target.value))}
            />
          </label>
          <fieldset>
            <legend>Send to</legend>
            {channels.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={picked.includes(c.id)}
                  onChange={(e) =>
                    setPicked((p) =>
                      e.target.checked ? [...p, c.id] : p.filter((id) => id !== c.id),
                    )
                  }
                />{' '}
                {c.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={create.isPending}>
            Add rule
          </button>
          <ErrorText message={create.error ? errorMessage(create.error) : null} />
        </form>
      )}
    </section>
  );
}

function ErrorFlowsSection({ canChange }: { canChange: boolean }) {
  const qc = useQueryClient();
  const flows = useQuery({ queryKey: keys.errorFlows, queryFn: listErrorFlows });
  const change = useMutation({
    mutationFn: ({ flowId, errorFlowId }: { flowId: string; errorFlowId: string | null }) =>
      setErrorFlow(flowId, errorFlowId),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.errorFlows }),
  });
  return (
    <section className="card" aria-labelledby="error-flows">
      <h2 id="error-flows">Error flows</h2>
      <p className="hint">
        When a run fails for good, its flow’s error flow runs with a summary of the failed run
        (flow, run, node, error, link). An error flow’s own failures start nothing.
      </p>
      <ErrorText message={change.error ? errorMessage(change.error) : null} />
      <ul className="error-flows">
        {flows.data?.map((f) => (
          <li key={f.flowId}>
            <label>
              {f.flowName}{' '}
              <select
                aria-label={`Error flow of ${f.flowName}`}
                value={f.errorFlowId ?? ''}
                disabled={!canChange}
                onChange={(e) =>
                  change.mutate({ flowId: f.flowId, errorFlowId: e.target.value || null })
                }
              >
                <option value="">None</option>
                {flows.data
                  .filter((o) => o.flowId !== f.flowId)
                  .map((o) => (
                    <option key={o.flowId} value={o.flowId}>
                      {o.flowName}
                    </option>
                  ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
