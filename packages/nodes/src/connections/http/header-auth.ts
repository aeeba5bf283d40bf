import { z } from 'zod';
import { defineConnection } from '../define-connection';
import { ALLOWED_HOSTS_DOCS, allowedHostsField, testUrlOnAllowedHost } from './allowed-hosts';
import { testUrlField } from './test-url';

/** RFC 9110 `token`: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP stack owns; a credential in one of them could never be sent as typed. */
const RESERVED = new Set(['connection', 'content-length', 'host', 'transfer-encoding', 'upgrade']);

/**
 * An API key or token sent in one request header (`X-Api-Key: …`, `Authorization: Bearer …`),
 * the most common way HTTP APIs authenticate. Used by the `http.request` node.
 */
export const httpHeaderAuthConnection = defineConnection({
  type: 'http.header-auth',
  title: 'HTTP header auth',
  description: 'An API key or token sent in a request header.',
  fields: z
    .object({
      headerName: z
        .string()
        .regex(HEADER_NAME, 'not a valid header name')
        .refine((name) => !RESERVED.has(name.toLowerCase()), 'set by the HTTP stack')
        .max(200)
        .default('Authorization')
        .meta({ title: 'Header name', placeholder: 'X-Api-Key' }),
      value: z
        .string()
        .min(1)
        .max(8192)
        .refine((value) => !/[\r\n\0]/.test(value), 'line breaks are not allowed')
        .meta({ title: 'Header value', placeholder: 'Bearer sk_live_…', secret: true }),
      allowedHosts: allowedHostsField,
      testUrl: testUrlField,
    })
    .superRefine(testUrlOnAllowedHost),
  // "Bearer <token>": a service echoing just the token must not leak it either.
  secretForms: ({ value }) => {
    const token = /^\S+\s+(\S{6,})$/.exec(value)?.[1];
    return token ? [token] : [];
  },
  docs: `Sends **Header value** in the header **Header name** on every request of the nodes that use
this connection. For a bearer token, use \`Authorization\` and \`Bearer <token>\`. The value is
encrypted at rest and never shown again after saving.

${ALLOWED_HOSTS_DOCS}`,
});
