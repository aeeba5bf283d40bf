import {
  createAddressPolicy,
  createGuardedAgent,
  messageIdFor,
  postOnce,
  sendSmtpMessage,
  smtpValues,
  type ServiceFailures,
} from '@paybridge/nodes/executors';
import type { ConnectionResolver } from '../connections/resolver';
import { emailBody, webhookBody, type NoticeText } from './messages';

/** A channel as a sender needs it. */
export interface ChannelTarget {
  id: string;
  kind: 'email' | 'webhook';
  connectionId: string | null;
  recipients: string[];
  builtin: boolean;
}

/** Why one alert was not delivered; the message names the host only (the URL may hold a secret). */
export class AlertNotDelivered extends Error {
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

export interface ChannelSenderOptions {
  connections: ConnectionResolver;
  /** Private networks alerts may reach (`PAYBRIDGE_HTTP_ALLOW_CIDRS`, as for flows). */
  allowPrivateCidrs: readonly string[];
  /** `PAYBRIDGE_ALERT_WEBHOOK_URL`: where the built-in channel posts; null: it posts nowhere. */
  builtinWebhookUrl: string | null;
  timeoutMs?: number;
}

/**
 * Sends one notice to one channel through the senders flows use: webhooks through `postOnce`
 * (guarded agent, address policy, one POST never retried blindly) with an Idempotency-Key, email
 * through `sendSmtpMessage` with a Message-ID derived from the same key, so a receiver can tell
 * a repeat of a post whose answer was lost. Throws `AlertNotDelivered` when the channel did not
 * take it.
 */
export class ChannelSender {
  private readonly dispatcher: ReturnType<typeof createGuardedAgent>;
  private readonly timeoutMs: number;

  constructor(private readonly opts: ChannelSenderOptions) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.dispatcher = createGuardedAgent({ policy: createAddressPolicy(opts.allowPrivateCidrs) });
  }

  async send(channel: ChannelTarget, notice: NoticeText, key: string, signal: AbortSignal) {
    if (channel.kind === 'webhook') return this.post(channel, notice, key, signal);
    return this.mail(channel, notice, key);
  }

  private async connectionValues(channel: ChannelTarget) {
    const resolved = channel.connectionId
      ? await this.opts.connections.resolve(channel.connectionId)
      : null;
    if (!resolved) {
      throw new AlertNotDelivered('ALERT_CHANNEL_BROKEN', 'The channel’s connection was deleted');
    }
    return resolved.values;
  }

  private async post(channel: ChannelTarget, notice: NoticeText, key: string, signal: AbortSignal) {
    const target = channel.builtin
      ? this.opts.builtinWebhookUrl
      : String((await this.connectionValues(channel)).url ?? '');
    if (!target) {
      throw new AlertNotDelivered(
        'ALERT_CHANNEL_BROKEN',
        'PAYBRIDGE_ALERT_WEBHOOK_URL is not set in this process',
      );
    }
    const url = new URL(target);
    const answer = await postOnce(
      failures,
      url,
      { 'content-type': 'application/json', 'idempotency-key': key },
      JSON.stringify(webhookBody(notice)),
      {
        dispatcher: this.dispatcher,
        timeoutMs: this.timeoutMs,
        signal,
      },
    );
    if (answer.status < 200 || answer.status >= 300) {
      throw new AlertNotDelivered(
        'ALERT_WEBHOOK_REJECTED',
        `${url.host} answered ${answer.status}`,
      );
    }
  }

  private async mail(channel: ChannelTarget, notice: NoticeText, key: string) {
    const values = smtpValues(await this.connectionValues(channel));
    const { subject, text } = emailBody(notice);
    try {
      const sent = await sendSmtpMessage(
        values,
        { allowPrivateCidrs: [...this.opts.allowPrivateCidrs] },
        { to: channel.recipients, subject, text, messageId: messageIdFor(key, values.fromAddress) },
      );
      if (sent.accepted.length === 0) {
        throw new AlertNotDelivered('SMTP_REJECTED', `${values.host} accepted no recipient`);
      }
    } catch (err) {
      if (err instanceof AlertNotDelivered) throw err;
      const why =
        err instanceof Error ? err.message.replace(/\s+/g, ' ').slice(0, 200) : String(err);
      throw new AlertNotDelivered('ALERT_EMAIL_FAILED', `${values.host}: ${why}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close().catch(() => undefined);
  }
}
