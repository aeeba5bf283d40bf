import { z } from 'zod';
import { defineNode } from '../../define-node';
import { HTTP_AUTH_CONNECTION_TYPES } from '../../connections/http/auth-types';
import { businessReferenceField } from '../../effects/business-reference-field';

/** What a delivered notification looks like to the flow. */
export const WebhookSentOutput = z.object({
  status: z.number().int(),
  /** True when this run found the notification already delivered and sent nothing. */
  alreadySent: z.boolean(),
});

/**
 * Posts a Slack-compatible notification (`{"text": …}`, optional `blocks` and extra fields) to a
 * webhook URL through the guarded HTTP client, once per business fact.
 */
export const webhookNode = defineNode({
  type: 'notify.webhook',
  version: 1,
  kind: 'action',
  title: 'Post to webhook',
  description: 'Post a Slack-compatible message ({"text": …}) to a webhook URL.',
  category: 'core',
  icon: 'webhook',
  config: z.object({
    url: z
      .url({ protocol: /^https?$/, error: 'an absolute http:// or https:// URL' })
      .max(8192)
      .meta({ title: 'Webhook URL', placeholder: 'https://hooks.slack.com/services/…' }),
    text: z.string().min(1).max(40_000).meta({
      title: 'Text',
      description: 'The message; Slack shows it as is (and as the notification text with blocks).',
      widget: 'textarea',
    }),
    blocks: z.array(z.unknown()).max(50).optional().meta({
      title: 'Blocks',
      description: 'Optional Slack Block Kit blocks, as JSON or =an expression.',
      widget: 'json',
    }),
    extra: z.record(z.string(), z.unknown()).default({}).meta({
      title: 'Extra fields',
      description: 'More top-level JSON fields for other receivers (Teams, Mattermost, your API).',
      widget: 'json',
    }),
    connectionId: z.string().optional().meta({
      title: 'Authentication',
      description: 'Optional HTTP header or basic auth connection, for webhooks that need one.',
      widget: 'connection',
    }),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000).meta({
      title: 'Timeout (ms)',
      widget: 'duration-ms',
    }),
    reference: businessReferenceField.meta({
      title: 'Business reference',
      description:
        'What makes this the same notification wherever it comes from. Empty: once per flow, event and node (and for-each item).',
    }),
  }),
  output: WebhookSentOutput,
  ports: { inputs: ['in'], outputs: ['out', 'error'] },
  effects: true,
  connection: { type: HTTP_AUTH_CONNECTION_TYPES, field: 'connectionId', optional: true },
  docs: `POSTs \`{ ...extra, "text": text, "blocks": blocks }\` as JSON to **Webhook URL** (a Slack
incoming webhook, Mattermost, Teams workflows, or any API) and emits \`{ status, alreadySent }\`.

- **Once per business fact**: recorded before it is sent; a retry, crash recovery or replay finds
  the record and posts nothing again. Each request carries an \`Idempotency-Key\` header derived
  from the record. If the answer is lost after the request went out, it is not posted again
  (\`WEBHOOK_OUTCOME_UNKNOWN\`).
- **Errors**: \`429\` and \`5xx\` answers and unreachable hosts are retried; other \`4xx\` fail with
  \`WEBHOOK_REJECTED\`. Redirects are not followed.
- **Network safety**: the same policy as the HTTP request node (no loopback, private or cloud
  metadata addresses unless an administrator allowed the network).
- **No card data**: a message holding what looks like a card number is refused
  (\`CARD_DATA_IN_MESSAGE\`).`,
});

/** Webhook settings after parsing. */
export type WebhookConfig = z.infer<typeof webhookNode.config>;
