import type { StepError } from '@paybridge/engine';
import {
  createAddressPolicy,
  createGuardedAgent,
  postOnce,
  type ServiceFailures,
} from '@paybridge/nodes/executors';
import type { Sql } from '../db/client';
import type { Logger } from '../logger';
import { startPeriodicTask, type PeriodicTask } from './periodic-task';

/** Time added to a batch's worst-case posting time for its claim (lease) to run out. */
const CLAIM_MARGIN_S = 30;
/** Longest wait between two posts of one failing alert. */
const MAX_BACKOFF_S = 300;
/** Longest error message quoted in an alert. */
const MAX_MESSAGE = 500;

/**
 * Claims a batch of open dead letters not yet alerted and not waiting (a lease or a backoff):
 * `skip locked` keeps two worker processes off the same rows, and the lease (`alert_next_at`)
 * keeps a claimed row from being taken again while its post is in flight, without holding a
 * transaction open across the HTTP call. A process that dies mid-post leaves its rows to the next
 * claim once the lease ends; the receiver can tell the repeat by its Idempotency-Key.
 */
const CLAIM = `
with batch as (
  select id from dead_letters
  where alerted_at is null and resolved_at is null
    and (alert_next_at is null or alert_next_at <= now())
  order by created_at
  limit $1::int
  for update skip locked
)
update dead_letters d
set alert_attempts = d.alert_attempts + 1,
    alert_next_at = now() + make_interval(secs => $2::int)
from batch
where d.id = batch.id
returning d.id::text as id, d.run_id::text as "runId", d.flow_id::text as "flowId",
  d.node_id as "nodeId", d.error, d.alert_attempts as attempts,
  (select f.name from flows f where f.id = d.flow_id) as "flowName"`;

interface ClaimedLetter {
  id: string;
  runId: string;
  flowId: string;
  nodeId: string;
  error: StepError;
  attempts: number;
  flowName: string | null;
}

/** Why one alert post failed; the message names the host only (the URL may hold a secret). */
class AlertNotDelivered extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

const failures: ServiceFailures = {
  codePrefix: 'ALERT_WEBHOOK',
  label: 'The alert webhook',
  maxAnswerBytes: 64 * 1024,
  notSent: (code, message, options) => new AlertNotDelivered(code, message, options),
  outcomeUnknown: (code, message, options) => new AlertNotDelivered(code, message, options),
};

/** Slack's mrkdwn treats `&`, `<` and `>` as markup; user text (names, messages) is escaped. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The alert of one dead letter as a Slack-compatible message (`text` in mrkdwn; other receivers
 * read the same JSON). It quotes the error stored on the dead letter, which the run's checkpoint
 * already scrubbed of secrets and card data, and nothing of the run's input or output.
 */
export function alertMessage(letter: ClaimedLetter, publicUrl: string | null): { text: string } {
  const flow = escapeMrkdwn(letter.flowName ?? letter.flowId);
  const code = escapeMrkdwn(letter.error.code);
  const raw = letter.error.message;
  const message = escapeMrkdwn(raw.length > MAX_MESSAGE ? `${raw.slice(0, MAX_MESSAGE)}…` : raw);
  const run = publicUrl
    ? `<${publicUrl}/flows/${letter.flowId}?run=${letter.runId}|${letter.runId}>`
    : letter.runId;
  return {
    text:
      `:rotating_light: Flow *${flow}*: run ${run} failed at node \`${escapeMrkdwn(letter.nodeId)}\` ` +
      `and is in the dead-letter queue.\n*${code}*: ${message}`,
  };
}

export interface DeadLetterAlertsOptions {
  /** `PAYBRIDGE_ALERT_WEBHOOK_URL`. */
  webhookUrl: string;
  /** Private networks the alert may reach (`PAYBRIDGE_HTTP_ALLOW_CIDRS`, as for flows). */
  allowPrivateCidrs: readonly string[];
  /** Base of the editor links in messages (`PAYBRIDGE_PUBLIC_URL`); null: no link. */
  publicUrl: string | null;
  everyMs: number;
  batch?: number;
  timeoutMs?: number;
}

/**
 * Posts one alert per new dead letter to the configured webhook, from every worker process
 * (claims keep them from sending one twice). A dead letter is marked alerted only after a 2xx; a
 * failed post is logged and tried again on a later round with a growing wait, and never touches
 * runs: alerting is a side loop, not part of any run's execution.
 */
export class DeadLetterAlerts {
  private loop: PeriodicTask | null = null;
  private readonly shutdown = new AbortController();
  private readonly dispatcher: ReturnType<typeof createGuardedAgent>;
  private readonly url: URL;
  private readonly timeoutMs: number;

  constructor(
    private readonly sql: Sql,
    private readonly logger: Logger,
    private readonly opts: DeadLetterAlertsOptions,
  ) {
    this.url = new URL(opts.webhookUrl);
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.dispatcher = createGuardedAgent({ policy: createAddressPolicy(opts.allowPrivateCidrs) });
  }

  start(): void {
    this.loop = startPeriodicTask(
      this.opts.everyMs,
      () => this.round(),
      this.logger,
      'dead-letter alerts failed',
    );
  }

  /** One round: claims a batch and posts each; returns how many were delivered. */
  async round(): Promise<number> {
    const batch = this.opts.batch ?? 10;
    // The lease outlasts every post of the batch timing out in turn, so no other process takes
    // a claimed row while this one may still post it.
    const leaseS = Math.ceil((batch * this.timeoutMs) / 1000) + CLAIM_MARGIN_S;
    const letters = await this.sql.unsafe<ClaimedLetter[]>(CLAIM, [batch, leaseS]);
    let delivered = 0;
    for (const letter of letters) {
      if (this.shutdown.signal.aborted) break;
      if (await this.send(letter)) delivered++;
    }
    return delivered;
  }

  private async send(letter: ClaimedLetter): Promise<boolean> {
    let problem: string;
    try {
      const answer = await postOnce(
        failures,
        this.url,
        { 'content-type': 'application/json', 'idempotency-key': `dead-letter-${letter.id}` },
        JSON.stringify(alertMessage(letter, this.opts.publicUrl)),
        {
          dispatcher: this.dispatcher,
          timeoutMs: this.timeoutMs,
          signal: this.shutdown.signal,
        },
      );
      if (answer.status >= 200 && answer.status < 300) {
        await this.sql`update dead_letters set alerted_at = now(), alert_next_at = null
          where id = ${letter.id}`;
        return true;
      }
      problem = `${this.url.host} answered ${answer.status}`;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    const waitS = Math.min(MAX_BACKOFF_S, 2 ** Math.min(letter.attempts - 1, 16) * 2);
    await this.sql`update dead_letters
      set alert_next_at = now() + make_interval(secs => ${waitS}::int)
      where id = ${letter.id} and alerted_at is null`;
    this.logger.warn('dead-letter alert not delivered; trying again later', {
      deadLetter: letter.id,
      runId: letter.runId,
      attempt: letter.attempts,
      retryInS: waitS,
      problem,
    });
    return false;
  }

  async stop(): Promise<void> {
    this.shutdown.abort(new Error('worker shutting down'));
    await this.loop?.stop();
    await this.dispatcher.close().catch(() => undefined);
  }
}
