import { z } from 'zod';
import { defineNode } from '../../define-node';
import { businessReferenceField } from '../../effects/business-reference-field';

/** Most recipients of one message (to and cc together). */
export const MAX_RECIPIENTS = 50;

/** Addresses as typed: one, several separated by commas, or a list (from an expression). */
function recipients(title: string, description: string) {
  return z
    .union([z.string().max(10_000), z.array(z.string().max(320))])
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(','))
        .map((address) => address.trim())
        .filter((address) => address !== ''),
    )
    .pipe(z.array(z.email('not a valid email address')).max(MAX_RECIPIENTS))
    .meta({ title, description, placeholder: 'staff@example.com' });
}

/** What a sent message looks like to the flow. */
export const EmailSentOutput = z.object({
  messageId: z.string(),
  accepted: z.array(z.string()),
  rejected: z.array(z.string()),
  /** True when this run found the message already sent (a retry, a replay) and sent nothing. */
  alreadySent: z.boolean(),
});

/**
 * Sends one email through an SMTP connection, once per business fact: the message is recorded
 * in the effect ledger before it is sent and carries a Message-ID derived from that record.
 */
export const emailNode = defineNode({
  type: 'notify.email',
  version: 1,
  kind: 'action',
  title: 'Send email',
  description: 'Send an email through an SMTP server.',
  category: 'core',
  icon: 'mail',
  config: z
    .object({
      connectionId: z.string().min(1).meta({
        title: 'SMTP server',
        description: 'An smtp connection; the mail is sent from its From address.',
        widget: 'connection',
      }),
      to: recipients('To', 'One or more addresses, separated by commas, or =an expression.'),
      cc: recipients('Cc', 'Optional copies.').default([]),
      subject: z
        .string()
        .min(1)
        .max(998)
        .refine((s) => !/[\r\n]/.test(s), 'no line breaks in a subject')
        .meta({
          title: 'Subject',
          placeholder: '="Payment declined for order " & $trigger.body.name',
        }),
      text: z.string().max(200_000).meta({ title: 'Text', widget: 'textarea' }),
      html: z.string().max(500_000).optional().meta({
        title: 'HTML',
        description: 'Optional HTML version; mail clients show it instead of the text.',
        widget: 'textarea',
      }),
      reference: businessReferenceField.meta({
        title: 'Business reference',
        description:
          'What makes this the same message wherever it comes from, e.g. ="declined-" & $trigger.body.id. Empty: once per flow, event and node (and for-each item).',
      }),
    })
    .superRefine((config, issues) => {
      if (config.to.length === 0) {
        issues.addIssue({ code: 'custom', path: ['to'], message: 'at least one recipient' });
      }
      if (config.to.length + config.cc.length > MAX_RECIPIENTS) {
        issues.addIssue({
          code: 'custom',
          path: ['cc'],
          message: `at most ${MAX_RECIPIENTS} recipients`,
        });
      }
    }),
  output: EmailSentOutput,
  ports: { inputs: ['in'], outputs: ['out', 'error'] },
  effects: true,
  connection: { type: 'smtp', field: 'connectionId' },
  retry: { maxAttempts: 5 },
  docs: `Sends an email through an **SMTP server** connection and emits
\`{ messageId, accepted, rejected, alreadySent }\` on \`out\`.

- **To**, **Cc**, **Subject**, **Text** and **HTML** accept expressions (\`=$trigger.body.email\`).
  A list of addresses may come from an expression as an array.
- **Once per business fact**: the message is recorded before it is sent. A retry, a crash
  recovery or a replay of the event finds the record and sends nothing again (\`alreadySent\`).
  Inside a for-each, each item has its own record. The Message-ID is derived from the record, so
  it is the same wherever the fact is sent from. If the connection drops after the message was
  handed over and before the server confirmed it, the node does not send it again: it fails with
  \`EMAIL_OUTCOME_UNKNOWN\` (check the mailbox; give a new business reference to send anew).
- **Errors**: a refused login fails with \`SMTP_AUTH_FAILED\`, refused recipients or message with
  \`SMTP_REJECTED\` (permanent) or \`SMTP_TEMPORARY\` (a 4xx answer, retried), an unreachable
  server with \`SMTP_UNREACHABLE\` (retried), a host on a blocked network with \`SSRF_BLOCKED\`.
- **No card data**: a subject or body holding what looks like a card number is refused with
  \`CARD_DATA_IN_MESSAGE\`.

**Business reference**: empty, the message is recorded per flow, event and node (and for-each
item): retries, crash recovery and replays of that event send it once, a second event sends it
again. Set it (e.g. \`="declined-" & $trigger.body.id\`) to send it once per fact whatever event
or flow asks; a changed message under a reference already sent fails with
\`IDEMPOTENCY_CONFLICT\`.`,
});

/** Email settings after parsing. */
export type EmailConfig = z.infer<typeof emailNode.config>;
