import { z } from 'zod';
import { defineNode } from '../../define-node';
import { RestTriggerRateLimit } from './rate-limit';
import { restTriggerSecurityFields } from './trigger-auth';

/** Lowercase segments separated by single slashes; no dots at all, so no `..` either. */
const PATH = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*$/;

/** What a REST call hands to the flow; the runtime records exactly this as the trigger's output. */
export const RestTriggerEvent = z.object({
  method: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()),
  body: z.unknown(),
});
/** A recorded REST call, as the flow sees it. */
export type RestTriggerEvent = z.infer<typeof RestTriggerEvent>;

/**
 * An HTTP endpoint that starts the flow. Async (the default) answers 202 with the run id as soon as
 * the event is stored; sync holds the request until a `respond` node answers or the timeout hits.
 */
export const restTriggerNode = defineNode({
  type: 'trigger.rest',
  version: 1,
  kind: 'trigger',
  title: 'REST endpoint',
  description: 'Start the flow when an HTTP request arrives at its path.',
  category: 'trigger',
  icon: 'webhook',
  config: z.object({
    path: z
      .string()
      .min(1)
      .max(200)
      .regex(PATH, 'lowercase letters, digits, "-" and "_", in segments separated by "/"')
      .refine(
        (p) => p !== 'shopify' && !p.startsWith('shopify/'),
        '"shopify/" is reserved for Shopify webhooks (use a Shopify trigger)',
      )
      .meta({
        title: 'Path',
        description: 'Appended to the hooks URL, e.g. `orders/created`.',
        placeholder: 'orders/created',
      }),
    mode: z.enum(['async', 'sync']).default('async').meta({
      title: 'Response mode',
      description:
        'async: answer 202 with the run id at once. sync: wait for a Respond node and answer with it.',
      widget: 'select',
    }),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000).meta({
      title: 'Sync timeout (ms)',
      description: 'How long a sync caller waits for the Respond node.',
      widget: 'duration-ms',
    }),
    ...restTriggerSecurityFields,
    rateLimit: RestTriggerRateLimit,
  }),
  output: RestTriggerEvent,
  ports: { inputs: [], outputs: ['out'] },
  effects: false,
  // Not JSONata: ingress reads these before any run exists, so they must be literal values. Listing
  // them here keeps `=...` strings from bypassing the schema on save (the engine skips schema checks
  // at expression paths of ordinary fields, and never resolves raw fields).
  rawExpressionFields: ['auth', 'ipAllowList', 'trustedProxies', 'rateLimit'],
  docs: `Gives the flow an HTTP endpoint: the runtime's hooks URL followed by \`path\`.

- **async** (default): the caller gets \`202\` with the run id once the event is stored.
- **sync**: the caller waits until a **Respond** node runs and gets its status, headers and body;
  \`timeoutMs\` bounds how long it waits.

The output is \`{ method, path, headers, query, body }\`; JSON bodies arrive parsed.

**Authentication** (\`auth\`): \`none\` (anyone who knows the URL can start the flow; the API warns),
\`bearer\`, \`basic\`, \`standard-webhooks\` (signed \`webhook-id\`/\`webhook-timestamp\`/
\`webhook-signature\`, 5 minutes tolerance) or \`shopify-hmac\` (\`X-Shopify-Hmac-Sha256\`), each with
a connection holding the secrets. Signatures are checked on the raw bytes before the body is
parsed. \`ipAllowList\` restricts callers by address; behind a proxy, list it in
\`trustedProxies\` so \`X-Forwarded-For\` is believed. Every refusal answers the same \`401\`, and
stores nothing. Credential headers (\`Authorization\`, signatures) are never recorded in the event.

**Rate limit** (\`rateLimit\`): \`perMinute\` authenticated requests (default 600; \`0\` = off), with
up to \`burst\` at once (default: the per-minute rate), shared by every API process. Over it the
caller gets \`429\` with \`Retry-After\` (seconds) and nothing is stored. Refused (401) requests
are not counted, so they cannot use up a real sender's allowance.`,
});

/** REST trigger settings after defaults, as the runtime's ingress reads them. */
export type RestTriggerConfig = z.infer<typeof restTriggerNode.config>;
