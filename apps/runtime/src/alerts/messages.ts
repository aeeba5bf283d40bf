import { redactSecrets } from '@paybridge/engine';

/** Longest error message quoted in an alert or an error flow's event. */
export const MAX_MESSAGE = 500;

/** One notice as stored in the history and sent to channels. */
export interface NoticeText {
  kind: 'fired' | 'ongoing' | 'resolved';
  title: string;
  detail: string;
  link: string | null;
}

/**
 * An error message as alerts may quote it: the stored error was scrubbed of connection secrets
 * by the run's checkpoint; card-like numbers are scrubbed again here and long text is cut.
 */
export function quoteError(message: string): string {
  const cut = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
  return redactSecrets(cut);
}

/** Slack's mrkdwn treats `&`, `<` and `>` as markup; user text (names, messages) is escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ICON = { fired: ':rotating_light:', ongoing: ':warning:', resolved: ':white_check_mark:' };

/**
 * A notice as Slack-compatible JSON (`text` in mrkdwn; other receivers read the same JSON, and
 * get the plain fields beside it).
 */
export function webhookBody(notice: NoticeText): Record<string, unknown> {
  const link = notice.link ? `\n<${notice.link}|Open in Paybridge>` : '';
  return {
    text: `${ICON[notice.kind]} *${escapeMrkdwn(notice.title)}*\n${escapeMrkdwn(notice.detail)}${link}`,
    status: notice.kind,
    title: notice.title,
  };
}

/** A notice as an email: the title as the subject, plain text. */
export function emailBody(notice: NoticeText): { subject: string; text: string } {
  const prefix = notice.kind === 'resolved' ? '[Resolved] ' : '[Paybridge alert] ';
  return {
    subject: `${prefix}${notice.title}`.replace(/[\r\n]+/g, ' ').slice(0, 900),
    text: `${notice.detail}${notice.link ? `\n\n${notice.link}` : ''}\n`,
  };
}
