/**
 * Connection types holding the secrets a REST trigger checks callers against. Declared like any
 * other connection, so the secrets are sealed at rest, write-only in the API, and never part of
 * a flow's graph: the trigger config names a connection id only.
 *
 * @module
 */
import { z } from 'zod';
import { defineConnection } from '../../connections/define-connection';

/** Pasted secrets often carry a trailing newline, which would silently break every check. */
function noOuterWhitespace(schema: z.ZodString): z.ZodString {
  return schema.regex(/^\S(?:.*\S)?$/s, 'must not start or end with whitespace');
}

/** `whsec_` + base64 of 24-64 random bytes, as Standard Webhooks 1.0 specifies symmetric keys. */
const WHSEC = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/**
 * Byte length of a well-formed `whsec_` secret, or null. Computed from the text rather than
 * decoded, because this module is bundled by the editor, where there is no `Buffer`.
 */
export function standardSecretBytes(secret: string): number | null {
  const match = WHSEC.exec(secret);
  const b64 = match?.[1];
  if (b64 === undefined || b64.length % 4 !== 0) return null;
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - padding;
}

const standardSecret = z.string().superRefine((s, ctx) => {
  const bytes = standardSecretBytes(s);
  if (bytes === null) {
    ctx.addIssue({ code: 'custom', message: 'must be "whsec_" followed by padded base64' });
  } else if (bytes < 24 || bytes > 64) {
    ctx.addIssue({ code: 'custom', message: 'must encode 24 to 64 bytes (Standard Webhooks)' });
  }
});

/** A static token callers send as `Authorization: Bearer <token>`. */
export const webhookBearerConnection = defineConnection({
  type: 'webhook.bearer',
  title: 'Webhook bearer token',
  description: 'Callers send `Authorization: Bearer <token>`.',
  fields: z.object({
    token: noOuterWhitespace(z.string().min(16).max(4096)).meta({
      title: 'Token',
      description: 'At least 16 characters; generate it randomly (e.g. 32 bytes in hex).',
      secret: true,
    }),
    previousToken: noOuterWhitespace(z.string().min(16).max(4096)).optional().meta({
      title: 'Previous token',
      description: 'Still accepted while callers move to the new token; clear it afterwards.',
      secret: true,
    }),
  }),
  docs: `A shared token in the \`Authorization\` header. Simple, but the token travels with every
request, so use it only over HTTPS. To rotate without downtime, put the old token in
**Previous token**, update the callers, then clear it.`,
});

/** HTTP basic credentials (`Authorization: Basic base64(user:password)`). */
export const webhookBasicConnection = defineConnection({
  type: 'webhook.basic',
  title: 'Webhook basic auth',
  description: 'Callers send HTTP basic credentials.',
  fields: z.object({
    username: z
      .string()
      .min(1)
      .max(256)
      .refine((s) => !s.includes(':'), 'must not contain ":" (basic auth separates with it)')
      .meta({ title: 'Username' }),
    password: noOuterWhitespace(z.string().min(12).max(4096)).meta({
      title: 'Password',
      description: 'At least 12 characters.',
      secret: true,
    }),
  }),
  docs: 'For senders that only support basic auth. Like a bearer token, it needs HTTPS.',
});

/** Standard Webhooks (standardwebhooks.com) HMAC-SHA256 signing secrets. */
export const webhookStandardConnection = defineConnection({
  type: 'webhook.standard',
  title: 'Standard Webhooks signing secrets',
  description: 'Verify `webhook-signature` (Standard Webhooks 1.0, HMAC-SHA256).',
  fields: z.object({
    secrets: z.array(standardSecret).min(1).max(5).meta({
      title: 'Signing secrets',
      description:
        '`whsec_...` secrets; during a rotation list both the old and the new one, and a request signed with either is accepted.',
      secret: true,
    }),
  }),
  docs: `Verifies the \`webhook-id\`, \`webhook-timestamp\` and \`webhook-signature\` headers over the
raw body. Timestamps more than 5 minutes off (either way) are refused, and a repeated
\`webhook-id\` starts no second run.`,
});

/** Shopify's webhook signing key: the app's client secret. */
export const webhookShopifyConnection = defineConnection({
  type: 'webhook.shopify',
  title: 'Shopify webhook secret',
  description: 'Verify `X-Shopify-Hmac-Sha256` with the app client secret.',
  fields: z.object({
    secret: noOuterWhitespace(z.string().min(1).max(512)).meta({
      title: 'Client secret',
      description: "The app's client secret (API secret key), which signs its webhooks.",
      secret: true,
    }),
    previousSecret: noOuterWhitespace(z.string().min(1).max(512)).optional().meta({
      title: 'Previous client secret',
      description:
        'After a rotation Shopify may sign with the old secret for up to an hour; keep it here until then.',
      secret: true,
    }),
  }),
  docs: `Checks the base64 HMAC-SHA256 of the raw body in \`X-Shopify-Hmac-Sha256\`. A repeated
\`X-Shopify-Webhook-Id\` starts no second run.`,
});

/** Every webhook connection type, for the connection registry. */
export const webhookConnections = [
  webhookBearerConnection,
  webhookBasicConnection,
  webhookStandardConnection,
  webhookShopifyConnection,
] as const;

/** Which connection type each trigger auth method needs; the editor filters its picker by it. */
export const TRIGGER_AUTH_CONNECTION_TYPES = {
  bearer: webhookBearerConnection.type,
  basic: webhookBasicConnection.type,
  'standard-webhooks': webhookStandardConnection.type,
  'shopify-hmac': webhookShopifyConnection.type,
} as const;
