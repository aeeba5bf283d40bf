/**
 * Who may call a REST trigger: the authentication method and the network rules, as stored in
 * the trigger's config. Secrets never appear here; each method names a connection that holds them.
 *
 * @module
 */
import { z } from 'zod';
import { parseCidr } from './cidr';

const connectionId = z.uuid().meta({
  title: 'Connection',
  description: 'The connection holding the secret(s) callers are checked against.',
});

/**
 * How callers prove who they are. `none` (the default, so version-1 flows saved before this
 * setting keep working) is allowed but warned about in the flow API.
 */
export const TriggerAuth = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('none') }),
    z.object({ type: z.literal('bearer'), connectionId }),
    z.object({ type: z.literal('basic'), connectionId }),
    z.object({ type: z.literal('standard-webhooks'), connectionId }),
    z.object({ type: z.literal('shopify-hmac'), connectionId }),
  ])
  .meta({
    title: 'Authentication',
    description:
      'none, bearer token, basic, Standard Webhooks signature or Shopify HMAC; failures answer 401.',
  });
/** A trigger's authentication setting. */
export type TriggerAuth = z.infer<typeof TriggerAuth>;
/** The authentication methods, `none` included. */
export type TriggerAuthType = TriggerAuth['type'];

/** One IPv4 or IPv6 range (or single address), checked strictly at save. */
export const CidrString = z.string().superRefine((text, ctx) => {
  const parsed = parseCidr(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});

/**
 * The security part of the REST trigger's config. The trigger table reads exactly this, so a
 * config that fails it (written by something other than the flow API) can be refused outright.
 */
export const restTriggerSecurityFields = {
  auth: TriggerAuth.default({ type: 'none' }),
  ipAllowList: z.array(CidrString).max(100).default([]).meta({
    title: 'IP allow-list',
    description:
      'CIDR ranges (IPv4 or IPv6) callers must come from; empty allows any address. Refused callers get 401.',
    placeholder: '203.0.113.0/24',
  }),
  trustedProxies: z.array(CidrString).max(100).default([]).meta({
    title: 'Trusted proxies',
    description:
      'Proxies whose X-Forwarded-For is believed. Empty: the connecting address is the caller and X-Forwarded-For is ignored.',
    placeholder: '10.0.0.0/8',
  }),
};

/** Parses just the security settings of a REST trigger config (defaults applied). */
export const RestTriggerSecurity = z.object(restTriggerSecurityFields);
/** Authentication and network rules of one REST trigger, after defaults. */
export type RestTriggerSecurity = z.infer<typeof RestTriggerSecurity>;
