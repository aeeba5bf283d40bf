import { validateGraph } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import { lookupSpec } from '../../definitions';
import { restTriggerNode } from './definition';

const CONNECTION = '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11';
const parse = (extra: Record<string, unknown>) =>
  restTriggerNode.config.safeParse({ path: 'orders', ...extra });

describe('trigger.rest security settings', () => {
  it('defaults to no authentication and no network rules, so stored version-1 flows still load', () => {
    const parsed = restTriggerNode.config.parse({ path: 'orders', mode: 'sync' });
    expect(parsed).toMatchObject({ auth: { type: 'none' }, ipAllowList: [], trustedProxies: [] });
  });

  it.each(['bearer', 'basic', 'standard-webhooks', 'shopify-hmac'])(
    'accepts %s with a connection id',
    (type) => {
      expect(parse({ auth: { type, connectionId: CONNECTION } }).success).toBe(true);
    },
  );

  it.each([
    [{ type: 'bearer' }, 'no connection'],
    [{ type: 'bearer', connectionId: 'not-a-uuid' }, 'connection id not a uuid'],
    [{ type: 'hmac-sha1', connectionId: CONNECTION }, 'unknown method'],
    ['none', 'not an object'],
  ] as [unknown, string][])('refuses auth %j (%s)', (auth) => {
    expect(parse({ auth }).success).toBe(false);
  });

  it('validates every CIDR on save, IPv4 and IPv6', () => {
    expect(parse({ ipAllowList: ['203.0.113.0/24', '2001:db8::/32'] }).success).toBe(true);
    const bad = parse({ ipAllowList: ['203.0.113.0/24', '10.1.2.3/8'], trustedProxies: ['x'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['ipAllowList.1', '"10.1.2.3/8" has host bits set; did you mean 10.0.0.0/8?'],
      ['trustedProxies.0', '"x" is not an IPv4 or IPv6 address or CIDR range'],
    ]);
  });

  it('does not let "=" expressions slip past the schema on save', () => {
    const graph = {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger.rest',
          typeVersion: 1,
          config: {
            path: 'orders',
            auth: { type: 'bearer', connectionId: '=$env.X' },
            ipAllowList: ['=$env.RANGES'],
          },
        },
      ],
      edges: [],
    };
    const result = validateGraph(graph, lookupSpec);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path.join('.'))).toEqual([
        'nodes.0.config.auth.connectionId',
        'nodes.0.config.ipAllowList.0',
      ]);
    }
  });
});
