/**
 * The Shopify connection: one store, the Admin API credentials the connector calls it with, and
 * the secret its webhooks are signed with. Browser-safe (the editor draws its form from it).
 *
 * @module
 */
import { z } from 'zod';
import { defineConnection } from '../connections/define-connection';

/** Pasted secrets often carry a trailing newline, which would silently break every check. */
const secretText = () =>
  z
    .string()
    .min(1)
    .max(512)
    .regex(/^\S(?:.*\S)?$/s, 'must not start or end with whitespace');

/** Stable quarterly versions (`2026-10`) and `unstable`. */
const API_VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

export const shopifyConnection = defineConnection({
  type: 'shopify',
  title: 'Shopify store',
  description: 'A Shopify store: Admin API access and the webhook signing secret.',
  fields: z
    .object({
      shopDomain: z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/,
          'must be the store\'s "<name>.myshopify.com" domain',
        )
        .meta({ title: 'Shop domain', placeholder: 'my-store.myshopify.com' }),
      apiVersion: z
        .string()
        .regex(API_VERSION, 'a quarterly version such as 2026-10, or "unstable"')
        .default('2026-10')
        .meta({ title: 'API version' }),
      environment: z.enum(['store', 'simulator', 'custom']).default('store').meta({
        title: 'Where',
        description:
          'store: https://<shop domain>. simulator: the built-in store simulator. custom: the base URL below.',
        widget: 'select',
      }),
      baseUrl: z
        .url()
        .optional()
        .meta({ title: 'Base URL', description: 'Only for the custom environment.' }),
      accessToken: secretText().optional().meta({
        title: 'Admin API access token',
        description: 'From a custom app (shpat_…). Leave empty to use client id and secret.',
        secret: true,
      }),
      clientId: z.string().min(1).max(200).optional().meta({ title: 'Client id' }),
      clientSecret: secretText().optional().meta({
        title: 'Client secret',
        description:
          'With the client id, obtains 24-hour tokens (client-credentials grant). Also signs webhooks.',
        secret: true,
      }),
      webhookSecret: secretText().optional().meta({
        title: 'Webhook signing secret',
        description: 'The secret that signs webhooks, when it is not the client secret above.',
        secret: true,
      }),
      previousWebhookSecret: secretText().optional().meta({
        title: 'Previous webhook secret',
        description: 'After a rotation Shopify may sign with the old secret for up to an hour.',
        secret: true,
      }),
      requestTimeoutSeconds: z.number().positive().max(300).default(30).meta({
        title: 'Request timeout (s)',
        description: 'Per Admin API request.',
      }),
      retryBudgetSeconds: z
        .number()
        .min(0)
        .max(900)
        .default(120)
        .meta({
          title: 'Retry budget (s)',
          description:
            'How long one step waits out throttling and retries server errors before handing the ' +
            "retry to the flow's retry policy.",
        }),
      unknownOutcomeWaitSeconds: z
        .number()
        .min(0)
        .max(86_400)
        .default(60)
        .meta({
          title: 'Unknown-outcome wait (s)',
          description:
            'After a payment was recorded but its answer was lost, how long before a lookup may ' +
            'conclude it did not happen (an abandoned request can still land).',
        }),
    })
    .superRefine((v, ctx) => {
      if (!v.accessToken && !(v.clientId && v.clientSecret)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accessToken'],
          message: 'set an Admin API access token, or a client id and client secret',
        });
      }
      if (!v.webhookSecret && !v.clientSecret) {
        ctx.addIssue({
          code: 'custom',
          path: ['webhookSecret'],
          message: 'set the webhook signing secret (or the client secret, which signs by default)',
        });
      }
      if (v.environment === 'custom' && !v.baseUrl) {
        ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'required for custom' });
      }
    }),
  docs: `Connects one store. Webhooks for flows with a **Shopify trigger** on this connection go to
\`/hooks/shopify/<connection id>\`; each is checked against the webhook secret (HMAC-SHA256 of the
raw body) before anything is read.

Shopify nodes call the Admin GraphQL API with the access token, or with 24-hour tokens obtained
from the client id and secret (kept in memory, renewed before they expire). They wait out
Shopify's rate limit and retry server errors for up to the **retry budget** per step; after that
the flow's retry policy takes over. A \`custom\` base URL obeys the outbound network policy.`,
});

/** Values of a Shopify connection. */
export type ShopifyConnectionValues = z.output<typeof shopifyConnection.fields>;

/** The secrets a webhook may be signed with, current first. */
export function webhookSecretsOf(values: ShopifyConnectionValues): string[] {
  const current = values.webhookSecret ?? values.clientSecret;
  return [current, values.previousWebhookSecret].filter(
    (s): s is string => typeof s === 'string' && s !== '',
  );
}
