import { z } from 'zod';
import { defineConnection } from '../define-connection';

/**
 * Where a webhook alert channel posts (a Slack incoming webhook or any receiver of
 * Slack-compatible JSON). Such URLs carry their token in the path, so the whole URL is a secret:
 * sealed at rest, write-only, rotated with every other connection secret.
 */
export const alertWebhookConnection = defineConnection({
  type: 'alert.webhook',
  title: 'Alert webhook',
  description: 'A Slack-compatible incoming webhook URL that alerts are posted to.',
  fields: z.object({
    url: z
      .string()
      .max(2048)
      .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
        message: 'must be an http:// or https:// URL, e.g. https://hooks.slack.com/services/…',
      })
      .meta({
        title: 'Webhook URL',
        placeholder: 'https://hooks.slack.com/services/…',
        secret: true,
      }),
  }),
  docs: `The URL alerts are posted to as Slack-compatible JSON (\`{"text": …}\`). It is encrypted
at rest and never shown again after saving. Posts obey the outbound network policy: private and
loopback addresses are refused unless an administrator allowed their network.`,
});
