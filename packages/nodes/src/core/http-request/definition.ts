import { z } from 'zod';
import { defineNode } from '../../define-node';
import { HTTP_AUTH_CONNECTION_TYPES } from '../../connections/http/auth-types';
import { headerRecord } from '../../schemas/http-headers';

/** Methods the node offers; OPTIONS/TRACE/CONNECT have no use in integrations. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** What a response looks like to the flow. */
export const HttpResponseOutput = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  /** Parsed JSON for JSON content types, text otherwise, `null` when there is none. */
  body: z.unknown(),
});
/** A response as the flow sees it. */
export type HttpResponseOutput = z.infer<typeof HttpResponseOutput>;

const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'an absolute http:// or https:// URL' })
  .max(8192)
  .refine((url) => {
    // zod runs this even when the URL check failed; that failure is already reported.
    if (!URL.canParse(url)) return true;
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  }, 'put credentials in a header, not in the URL');

/**
 * Calls any HTTP API. The runtime refuses private, loopback and link-local targets (checked when
 * connecting, on every redirect hop) unless the operator allowed their network.
 */
export const httpRequestNode = defineNode({
  type: 'http.request',
  version: 1,
  kind: 'action',
  title: 'HTTP request',
  description: 'Call an HTTP API and use its response.',
  category: 'core',
  icon: 'globe',
  config: z
    .object({
      method: z.enum(HTTP_METHODS).default('GET').meta({ title: 'Method', widget: 'select' }),
      url: HttpUrl.meta({ title: 'URL', placeholder: 'https://api.example.com/v1/orders' }),
      headers: headerRecord().default({}).meta({ title: 'Headers', widget: 'key-value' }),
      query: z
        .record(z.string(), z.string())
        .default({})
        .meta({ title: 'Query parameters', widget: 'key-value' }),
      body: z.unknown().optional().meta({
        title: 'Body',
        description: 'Objects and arrays are sent as JSON, strings as text.',
        widget: 'json',
      }),
      timeoutMs: z.number().int().min(100).max(300_000).default(30_000).meta({
        title: 'Timeout (ms)',
        description: 'For the whole exchange, redirects and body included.',
        widget: 'duration-ms',
      }),
      failOnHttpError: z.boolean().default(true).meta({
        title: 'Fail on 4xx',
        description: 'On: a 4xx response goes to the error port. Off: it is a normal output.',
        widget: 'switch',
      }),
      connectionId: z.string().optional().meta({
        title: 'Authentication',
        description: 'An HTTP header or basic auth connection; its header is added to the request.',
        widget: 'connection',
      }),
    })
    .superRefine((config, issues) => {
      if ((config.method === 'GET' || config.method === 'HEAD') && config.body != null) {
        issues.addIssue({
          code: 'custom',
          path: ['body'],
          message: `a ${config.method} request has no body`,
        });
      }
    }),
  output: HttpResponseOutput,
  ports: { inputs: ['in'], outputs: ['out', 'error'] },
  effects: true,
  connection: { type: HTTP_AUTH_CONNECTION_TYPES, field: 'connectionId', optional: true },
  docs: `Sends a request and emits \`{ status, headers, body }\` on \`out\`.

- **Body**: objects and arrays are sent as JSON (\`content-type: application/json\` unless you set
  one), strings as text. JSON responses are parsed, anything else arrives as text.
- **Errors**: network failures, timeouts, \`429\` and \`5xx\` are retried (honouring
  \`Retry-After\`). Other \`4xx\` go to the \`error\` port as \`HTTP_<status>\` with the response in the
  details, unless **Fail on 4xx** is off.
- **Redirects** are followed up to 5 hops. Credentials headers are dropped when a redirect leaves
  the original origin.
- **Network safety**: loopback, private (RFC 1918), carrier-grade NAT, link-local (including cloud
  metadata at 169.254.169.254), unique-local IPv6 and other special-purpose addresses are refused,
  however they are written and on every redirect hop, unless an administrator allowed the network.
- Responses larger than the runtime's limit (10 MiB by default) fail the step.
- **Authentication**: pick an \`http.header-auth\` or \`http.basic-auth\` connection; its header
  replaces a header of the same name typed here. The connection is pinned to its **Allowed
  hosts**: a URL or a redirect to any other host fails with \`CONNECTION_HOST_NOT_ALLOWED\` before
  the credentials are sent; a redirect to another allowed origin is followed without them. Its
  secret never appears in run history, and the response headers and body of the step (and the
  data of later steps) are shown to admins only, since a service may echo the credentials.
- **At least once, with an idempotency key**: a call whose answer was lost (a timeout, a worker
  killed mid-flight) is sent again, so the receiver may see it twice. Every request carries an
  \`Idempotency-Key\` header (unless you set one) that is the same on every retry of the step,
  after a crash re-runs it and on a replay of the event: a receiver that honours it applies the
  call once. Paybridge cannot look an arbitrary HTTP call up, so it cannot promise exactly once.`,
});

/** HTTP request settings after defaults, as the executor receives them. */
export type HttpRequestConfig = z.infer<typeof httpRequestNode.config>;
