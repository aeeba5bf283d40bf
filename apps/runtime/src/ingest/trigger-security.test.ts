import { describe, expect, it } from 'vitest';
import { lookupTrigger } from '@paybridge/nodes/definitions';
import { readTriggerSecurity } from './trigger-security';

/** Who may call a REST trigger with these settings, as its declaration reads them. */
function securityOf(config: Record<string, unknown>) {
  const node = {
    id: 'trigger',
    type: 'trigger.rest',
    typeVersion: 1,
    config,
    position: { x: 0, y: 0 },
  };
  return readTriggerSecurity(lookupTrigger('trigger.rest')!.access!(node));
}

describe('readTriggerSecurity', () => {
  it('reads a config saved before authentication existed as open', () => {
    const security = securityOf({ path: 'orders', mode: 'sync' });
    expect(security?.auth).toEqual({ type: 'none' });
    expect(security?.network.allow.size).toBe(0);
  });

  it('compiles the network rules', () => {
    const security = securityOf({
      path: 'orders',
      auth: { type: 'bearer', connectionId: '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11' },
      ipAllowList: ['203.0.113.0/24'],
      trustedProxies: ['10.0.0.0/8'],
    });
    expect(security?.auth.type).toBe('bearer');
    expect([security?.network.allow.size, security?.network.trustedProxies.size]).toEqual([1, 1]);
  });

  it.each([
    ['an unknown method', { auth: { type: 'magic' } }],
    ['an expression for the method', { auth: '=$env.AUTH' }],
    ['a bad range', { ipAllowList: ['10.0.0.1/8'] }],
    ['a list that is not a list', { trustedProxies: '10.0.0.0/8' }],
  ])('refuses a config with %s (the trigger then refuses every request)', (_case, config) => {
    expect(securityOf({ path: 'orders', ...config })).toBeNull();
  });
});
