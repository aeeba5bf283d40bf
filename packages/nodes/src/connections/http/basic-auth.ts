import { z } from 'zod';
import { defineConnection } from '../define-connection';
import { ALLOWED_HOSTS_DOCS, allowedHostsField, testUrlOnAllowedHost } from './allowed-hosts';
import { testUrlField } from './test-url';

/** Base64 of UTF-8 text, without Node's Buffer so the definition stays browser-safe. */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The `Authorization` header value of HTTP Basic auth (RFC 7617). */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${base64Utf8(`${username}:${password}`)}`;
}

/** HTTP Basic auth (RFC 7617): a user name and a password. Used by the `http.request` node. */
export const httpBasicAuthConnection = defineConnection({
  type: 'http.basic-auth',
  title: 'HTTP basic auth',
  description: 'A user name and password sent as HTTP Basic authorization.',
  fields: z
    .object({
      username: z
        .string()
        .min(1)
        .max(512)
        .refine((u) => !u.includes(':'), 'a Basic auth user name cannot contain ":"')
        .refine((u) => !/[\r\n\0]/.test(u), 'line breaks are not allowed')
        .meta({ title: 'User name' }),
      // Empty is allowed: some APIs take the key as user name and no password.
      password: z
        .string()
        .max(1024)
        .refine((p) => !/[\r\n\0]/.test(p), 'line breaks are not allowed')
        .meta({ title: 'Password', secret: true }),
      allowedHosts: allowedHostsField,
      testUrl: testUrlField,
    })
    .superRefine(testUrlOnAllowedHost),
  // The encoded header carries the password too; a service may echo it back.
  secretForms: ({ username, password }) =>
    password === '' ? [] : [basicAuthorization(username, password).slice('Basic '.length)],
  docs: `Sends \`Authorization: Basic …\` built from **User name** and **Password**. The password is
encrypted at rest and never shown again after saving.

${ALLOWED_HOSTS_DOCS}`,
});
