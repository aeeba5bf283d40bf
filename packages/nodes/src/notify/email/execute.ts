import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import { z } from 'zod';
import type { HttpRuntimeOptions } from '../../core/http-request/execute';
import { implementNode } from '../../define-node';
import { fingerprint } from '../../effects/fingerprint';
import { performOnce } from '../../effects/perform-once';
import { smtpValues } from '../../connections/smtp/transport';
import { assertNoCardData } from '../card-data';
import { emailNode, type EmailConfig } from './definition';
import { sendSmtpMessage } from './send-message';
import { classifySmtpFailure, smtpError } from './smtp-errors';

/** What the ledger keeps of a sent message. */
const SentRecord = z.object({
  messageId: z.string(),
  accepted: z.array(z.string()),
  rejected: z.array(z.string()),
});
type SentRecord = z.infer<typeof SentRecord>;

/** The Message-ID of the message an effect record stands for: the same on every path to it. */
export function messageIdFor(reference: string, fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
  return `<${reference.toLowerCase()}.paybridge@${domain}>`;
}

/**
 * The `notify.email` executor for one runtime's network settings. Sending goes through the
 * connectors' one exactly-once driver: claimed before the SMTP session opens, settled with the
 * server's acceptance; a lost confirmation is never resent blindly.
 */
export function createEmailExecutor(network: HttpRuntimeOptions): NodeExecutor<EmailConfig> {
  return implementNode(emailNode, async (ctx) => {
    if (!ctx.connection) {
      throw new PermanentError('CONNECTION_INVALID', 'Pick an SMTP connection to send with');
    }
    const values = smtpValues(ctx.connection);
    const { to, cc, subject, text, html, reference } = ctx.config;
    assertNoCardData({ subject, text, html });
    const message = { to, cc, subject, text, html: html ?? null };
    const { result, origin } = await performOnce<SentRecord>(ctx, {
      ref: { item: '', business: reference === undefined ? null : `notify.email:${reference}` },
      fingerprint: fingerprint({ from: values.fromAddress, ...message }),
      system: 'EMAIL',
      result: SentRecord,
      wrote: () => true,
      remoteIdOf: (sent) => sent.messageId,
      unknownOutcomeWaitMs: 0,
      couldLandTwice: true,
      lookupAtOnce: true,
      // The Message-ID is noted right before the session opens: a claim without it never sent.
      noteMarksSending: true,
      async prepare() {
        return {
          note: 'sending',
          async send(attemptRef) {
            const messageId = messageIdFor(attemptRef, values.fromAddress);
            return sendSmtpMessage(values, network, { to, cc, subject, text, html, messageId });
          },
        };
      },
      async lookup() {
        // SMTP has no way to ask whether a message arrived: never guess, never send twice.
        throw new PermanentError(
          'EMAIL_OUTCOME_UNKNOWN',
          `The connection to ${values.host} was lost after the message may have been handed over; it is not sent again. Check the recipient's mailbox, and give the node a new business reference to send it anew.`,
        );
      },
      classify: classifySmtpFailure,
      mapError: (err) => smtpError(err, values.host),
      describe: (sent) => ({
        message: `Email ${sent.messageId} was already sent for this business reference with different content`,
        details: { messageId: sent.messageId },
      }),
    });
    return { port: 'out', output: { ...result, alreadySent: origin === 'ledger' } };
  });
}
