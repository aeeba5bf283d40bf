import { z } from 'zod';
import { defineConnection } from '../define-connection';

/** How the SMTP session is encrypted. */
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;

/** Host names and IP literals; no scheme, path or port (the port has its own field). */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/;

/**
 * An SMTP server to send mail through (the `notify.email` node): where it is, how the session is
 * encrypted, the login and the sender address. The password is sealed at rest and write-only.
 */
export const smtpConnection = defineConnection({
  type: 'smtp',
  title: 'SMTP server',
  description: 'A mail server to send email notifications through.',
  fields: z
    .object({
      host: z
        .string()
        .min(1)
        .max(253)
        .regex(HOST, 'a host name such as smtp.example.com, without scheme or port')
        .meta({ title: 'Host', placeholder: 'smtp.example.com' }),
      port: z.number().int().min(1).max(65535).default(587).meta({
        title: 'Port',
        description: '587 for STARTTLS, 465 for TLS, 25 for a local relay.',
      }),
      security: z.enum(SMTP_SECURITY).default('starttls').meta({
        title: 'Encryption',
        description:
          'starttls: upgrade to TLS after connecting, and refuse a server that cannot (port 587). tls: TLS from the first byte (port 465). none: no encryption, only for a relay on your own network.',
        widget: 'select',
      }),
      user: z.string().max(320).optional().meta({ title: 'User name' }),
      password: z.string().max(1024).optional().meta({ title: 'Password', secret: true }),
      fromAddress: z.email('a valid email address').max(320).meta({
        title: 'From address',
        placeholder: 'payments@example.com',
      }),
      fromName: z
        .string()
        .max(200)
        .refine((name) => !/[\r\n<>"]/.test(name), 'no line breaks, quotes or angle brackets')
        .optional()
        .meta({ title: 'From name', placeholder: 'Example Shop' }),
    })
    .superRefine((values, issues) => {
      if (values.password && !values.user) {
        issues.addIssue({
          code: 'custom',
          path: ['user'],
          message: 'set the user for the password',
        });
      }
    }),
  docs: `The mail server that \`notify.email\` sends through. Mail is sent from **From address**
(most providers only accept their own verified senders). With **starttls** (the default, port
587) or **tls** (port 465) the server's certificate is checked against **Host**; **none** sends
in clear text and is meant only for a relay on your own network. Outbound connections obey the
same network policy as HTTP requests: private, loopback and link-local addresses (cloud
metadata included) are refused unless an administrator allowed their network. **Test
connection** connects, says hello, upgrades to TLS and logs in, without sending anything.`,
});

/** SMTP connection values after parsing. */
export type SmtpConnectionValues = z.infer<typeof smtpConnection.fields>;
