/**
 * The `paytrace` connection type: a PayTrace API user and the account-level switches that belong
 * to the merchant's PayTrace account rather than to one flow. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';
import { customBaseUrlProblem } from '../connections/base-url';
import { defineConnection } from '../connections/define-connection';
import { isTimeZone } from '../time-zones';
import { DEFAULT_PAYTRACE_TIME_ZONE } from './nodes/shared/dates';

/** Where the API lives: PayTrace's two hosts, the runtime's built-in simulator, or a custom URL. */
export const PAYTRACE_ENVIRONMENTS = ['production', 'sandbox', 'simulator', 'custom'] as const;
/** One of {@link PAYTRACE_ENVIRONMENTS}. */
export type PaytraceEnvironment = (typeof PAYTRACE_ENVIRONMENTS)[number];

/** PayTrace's own hosts (JSON API v1 and OAuth live on the same host). */
export const PAYTRACE_HOSTS = {
  production: 'https://api.paytrace.com',
  sandbox: 'https://api.sandbox.paytrace.com',
} as const;

/** PayTrace API user, environment and the account's switches for connector behaviour. */
export const paytraceConnection = defineConnection({
  type: 'paytrace',
  title: 'PayTrace',
  description: 'A PayTrace API user (JSON API v1) for charges, refunds, the vault and reports.',
  fields: z
    .object({
      username: z.string().min(1).max(256).meta({ title: 'API user name' }),
      password: z.string().min(1).max(1024).meta({ title: 'API password', secret: true }),
      integratorId: z.string().min(1).max(12).optional().meta({
        title: 'Integrator id',
        description: 'Issued by PayTrace per integration; sent with every request when set.',
      }),
      environment: z.enum(PAYTRACE_ENVIRONMENTS).meta({
        title: 'Environment',
        description:
          'production (api.paytrace.com), sandbox (api.sandbox.paytrace.com), the built-in ' +
          'simulator, or a custom base URL.',
        widget: 'select',
      }),
      baseUrl: z.string().max(2048).optional().meta({
        title: 'Custom base URL',
        description: 'Only for the custom environment; obeys the outbound network policy.',
        placeholder: 'https://paytrace-proxy.example.com',
      }),
      allowKeyedEntry: z
        .boolean()
        .default(false)
        .meta({
          title: 'Allow keyed entry',
          description:
            'Lets payment nodes send client-side encrypted card values. Off: only vault ' +
            'profiles, Protect.js tokens and previous transactions can be charged.',
          widget: 'switch',
        }),
      timeZone: z
        .string()
        .max(64)
        .refine(isTimeZone, 'an IANA time zone such as America/Chicago')
        .default(DEFAULT_PAYTRACE_TIME_ZONE)
        .meta({
          title: 'Account time zone',
          description:
            'The time zone set in the PayTrace account (PayTrace writes report times in it ' +
            'without saying which). Batch and transaction times are given in ISO 8601 with its offset.',
          placeholder: 'America/Los_Angeles',
        }),
      requestTimeoutSeconds: z.number().positive().max(600).default(60).meta({
        title: 'Request timeout (s)',
        description: 'Per HTTP exchange. PayTrace quotes 3–6 s for authorizations.',
      }),
      unknownOutcomeWaitSeconds: z
        .number()
        .min(0)
        .max(86_400)
        .default(120)
        .meta({
          title: 'Unknown-outcome wait (s)',
          description:
            'After a payment call whose answer was lost, how long before a lookup may conclude ' +
            'the payment does not exist (an abandoned request can still land).',
        }),
    })
    .superRefine((values, issues) => {
      if (values.environment === 'custom') {
        const problem =
          values.baseUrl === undefined
            ? 'required for custom'
            : customBaseUrlProblem(values.baseUrl);
        if (problem) issues.addIssue({ code: 'custom', path: ['baseUrl'], message: problem });
      } else if (values.baseUrl !== undefined) {
        issues.addIssue({
          code: 'custom',
          path: ['baseUrl'],
          message: 'only the custom environment takes a base URL',
        });
      }
    }),
  docs: `A PayTrace **API user** (a dedicated user on an account with the API module enabled).
The password is encrypted at rest and never shown again; OAuth tokens are requested with it and
kept in memory only.

- **Environment**: \`production\`, \`sandbox\` (separate credentials from PayTrace), \`simulator\`
  (the runtime's built-in PayTrace simulator) or \`custom\` with a base URL (HTTPS, and subject to
  the runtime's outbound network policy like the HTTP request node).
- **Allow keyed entry**: off by default. When on, payment nodes may send card values encrypted in
  the browser with PayTrace's client-side encryption. Paybridge never takes clear card numbers.
- **Account time zone**: PayTrace writes batch and transaction times as local times of the
  account (\`4/10/2015 4:06:30 PM\`) without a zone. Set the zone of your PayTrace account (an
  IANA name such as \`America/Chicago\`; default \`UTC\`, which is what the built-in simulator
  uses) and the report nodes give every time in ISO 8601 with that zone's offset
  (\`2015-04-10T16:06:30-05:00\`).
- **Unknown-outcome wait**: when a payment request was sent but its answer was lost, Paybridge
  never re-sends blindly: it waits this long, then looks the payment up by its invoice id.`,
});

/** Connection values after defaults, as executors receive them. */
export type PaytraceConnectionValues = z.infer<typeof paytraceConnection.fields>;
