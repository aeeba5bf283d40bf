import type { Sql } from '../db/client';
import type { Logger } from '../logger';
import type { ChannelSender, ChannelTarget } from './channel-sender';
import type { NoticeText } from './messages';

/** Time added to a batch's worst-case sending time for its claim (lease) to run out. */
const CLAIM_MARGIN_S = 30;
/** Longest wait between two attempts of one failing delivery. */
const MAX_BACKOFF_S = 300;

/**
 * Claims a batch of unsent deliveries not waiting (a lease or a backoff): `skip locked` keeps two
 * processes off the same rows, and the lease (`next_at`) keeps a claimed row from being taken
 * again while its send is in flight, without holding a transaction open across the call. A
 * process that dies mid-send leaves its rows to the next claim once the lease ends; the receiver
 * can tell the repeat by its Idempotency-Key (webhook) or Message-ID (email).
 */
const CLAIM = `
with batch as (
  select id from alert_deliveries
  where sent_at is null and next_at <= now()
  order by created_at
  limit $1::int
  for update skip locked
)
update alert_deliveries d
set attempts = d.attempts + 1, next_at = now() + make_interval(secs => $2::int)
from batch, alert_notices n, alert_channels c
where d.id = batch.id and n.id = d.notice_id and c.id = d.channel_id
returning d.id::text as id, d.attempts, n.kind, n.title, n.detail, n.link,
  c.id::text as "channelId", c.kind as "channelKind", c.connection_id::text as "connectionId",
  c.recipients, c.builtin`;

interface Claimed extends NoticeText {
  id: string;
  attempts: number;
  channelId: string;
  channelKind: ChannelTarget['kind'];
  connectionId: string | null;
  recipients: string[];
  builtin: boolean;
}

/** Sends the notices' deliveries, each once; a failed one is tried again later with a growing wait. */
export async function sendDeliveries(
  sql: Sql,
  sender: ChannelSender,
  logger: Logger,
  opts: { batch: number; timeoutMs: number; signal: AbortSignal },
): Promise<number> {
  const leaseS = Math.ceil((opts.batch * opts.timeoutMs) / 1000) + CLAIM_MARGIN_S;
  const claimed = await sql.unsafe<Claimed[]>(CLAIM, [opts.batch, leaseS]);
  let sent = 0;
  for (const d of claimed) {
    if (opts.signal.aborted) break;
    try {
      await sender.send(
        {
          id: d.channelId,
          kind: d.channelKind,
          connectionId: d.connectionId,
          recipients: d.recipients,
          builtin: d.builtin,
        },
        d,
        `alert-${d.id}`,
        opts.signal,
      );
      await sql`update alert_deliveries set sent_at = now(), last_error = null where id = ${d.id}`;
      sent++;
    } catch (err) {
      const problem = err instanceof Error ? err.message : String(err);
      const waitS = Math.min(MAX_BACKOFF_S, 2 ** Math.min(d.attempts - 1, 16) * 2);
      await sql`update alert_deliveries
        set next_at = now() + make_interval(secs => ${waitS}::int), last_error = ${problem}
        where id = ${d.id} and sent_at is null`;
      logger.warn('alert not delivered; trying again later', {
        delivery: d.id,
        channel: d.channelId,
        attempt: d.attempts,
        retryInS: waitS,
        problem,
      });
    }
  }
  return sent;
}
