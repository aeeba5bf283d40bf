import type { Sql } from '../db/client';
import type { ConnectionResolver } from '../connections/resolver';
import type { IngestWriter } from '../ingest/ingest-writer';
import type { Logger } from '../logger';
import { startPeriodicTask, type PeriodicTask } from '../jobs/periodic-task';
import { ChannelSender } from './channel-sender';
import { sendDeliveries } from './deliveries';
import { startErrorFlows } from './error-flows';
import { AlertEvaluator } from './evaluator';

/** The channel standing for `PAYBRIDGE_ALERT_WEBHOOK_URL`, and its dead-letter rule. */
export const BUILTIN_CHANNEL_ID = '00000000-0000-4000-8000-00000000a1e1';
export const BUILTIN_RULE_ID = '00000000-0000-4000-8000-00000000a1e2';

export interface AlertServiceOptions {
  sql: Sql;
  connections: ConnectionResolver;
  ingest: IngestWriter;
  logger: Logger;
  allowPrivateCidrs: readonly string[];
  /** `PAYBRIDGE_ALERT_WEBHOOK_URL`; null: the built-in channel and rule are off. */
  builtinWebhookUrl: string | null;
  /** Quiet period of the built-in dead-letter rule (`PAYBRIDGE_ALERT_QUIET_S`). */
  builtinQuietS: number;
  /** Base of the editor links in alerts (`PAYBRIDGE_PUBLIC_URL`). */
  publicUrl: () => string | null;
  everyMs: number;
  batch?: number;
  timeoutMs?: number;
}

/**
 * Writes the built-in channel and dead-letter rule for `PAYBRIDGE_ALERT_WEBHOOK_URL` (enabled
 * exactly when the variable is set), so the variable keeps working as it did while alerting has
 * one home: the rule has the same state, quiet period and history as any other.
 */
export async function installBuiltinAlerts(sql: Sql, enabled: boolean, quietS: number) {
  await sql`insert into alert_channels (id, name, kind, builtin)
    values (${BUILTIN_CHANNEL_ID}, 'PAYBRIDGE_ALERT_WEBHOOK_URL', 'webhook', true)
    on conflict (id) do nothing`;
  await sql`insert into alert_rules (id, name, kind, quiet_seconds, channel_ids, enabled, builtin)
    values (${BUILTIN_RULE_ID}, 'Dead letters', 'dead_letter', ${quietS},
            array[${BUILTIN_CHANNEL_ID}]::uuid[], ${enabled}, true)
    on conflict (id) do update set enabled = excluded.enabled,
      quiet_seconds = excluded.quiet_seconds,
      -- Turned on anew: count from now, not the dead letters of the time it was off.
      checked_until = case when alert_rules.enabled then alert_rules.checked_until else now() end`;
}

/**
 * The alerting side loop of a worker process: each round evaluates the rules (one process per
 * round, under an advisory lock), sends the pending deliveries (claimed row by row) and starts
 * error flows for new failures (keyed by the failed run). Alerting never touches runs.
 */
export class AlertService {
  private loop: PeriodicTask | null = null;
  private builtinInstalled = false;
  private readonly shutdown = new AbortController();
  readonly sender: ChannelSender;
  readonly evaluator: AlertEvaluator;

  constructor(private readonly opts: AlertServiceOptions) {
    this.sender = new ChannelSender({
      connections: opts.connections,
      allowPrivateCidrs: opts.allowPrivateCidrs,
      builtinWebhookUrl: opts.builtinWebhookUrl,
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    });
    this.evaluator = new AlertEvaluator(opts.sql, opts.publicUrl);
  }

  /**
   * Starts the rounds. The built-in alert is written by the first round that reaches the
   * database, not here: a worker starting while Postgres restarts must come up and carry on (as
   * its queue does), not fail to start over an alert row.
   */
  async start(): Promise<void> {
    await this.installBuiltin().catch((err: unknown) =>
      this.opts.logger.warn('built-in alert not written yet; the next alerts round tries again', {
        err: err instanceof Error ? err.message : String(err),
      }),
    );
    this.loop = startPeriodicTask(
      this.opts.everyMs,
      () => this.round(),
      this.opts.logger,
      'alerts round failed',
    );
  }

  private async installBuiltin(): Promise<void> {
    if (this.builtinInstalled) return;
    await installBuiltinAlerts(
      this.opts.sql,
      this.opts.builtinWebhookUrl !== null,
      this.opts.builtinQuietS,
    );
    this.builtinInstalled = true;
  }

  /**
   * One round: evaluate, deliver, start error flows. Each step runs even when an earlier one
   * failed (a broken rule must not hold up notices already decided, nor error flows).
   */
  async round(): Promise<{ notices: number; sent: number; errorFlows: number }> {
    await this.installBuiltin();
    const failed: unknown[] = [];
    const step = <T>(p: Promise<T>, fallback: T) =>
      p.catch((err: unknown) => {
        failed.push(err);
        return fallback;
      });
    const notices = await step(this.evaluator.round(), 0);
    const sent = await step(
      sendDeliveries(this.opts.sql, this.sender, this.opts.logger, {
        batch: this.opts.batch ?? 10,
        timeoutMs: this.opts.timeoutMs ?? 10_000,
        signal: this.shutdown.signal,
      }),
      0,
    );
    const errorFlows = await step(
      startErrorFlows(this.opts.sql, this.opts.ingest, this.opts.publicUrl()),
      0,
    );
    if (failed.length > 0) throw failed[0];
    return { notices, sent, errorFlows };
  }

  async stop(): Promise<void> {
    this.shutdown.abort(new Error('worker shutting down'));
    await this.loop?.stop();
    await this.sender.close();
  }
}
