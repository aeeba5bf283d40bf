import { describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../test-context';
import { restTriggerNode } from './definition';
import { restTriggerExecutor } from './execute';

describe('trigger.rest config', () => {
  it('defaults to async mode, a 10 s sync timeout, no authentication and 600 requests a minute', () => {
    expect(restTriggerNode.config.parse({ path: 'orders/created' })).toEqual({
      path: 'orders/created',
      mode: 'async',
      timeoutMs: 10_000,
      auth: { type: 'none' },
      ipAllowList: [],
      trustedProxies: [],
      rateLimit: { perMinute: 600 },
    });
  });

  it.each(['orders', 'orders/created', 'shopify_v2/refund-issued', 'a/b/c/1'])(
    'accepts the path %s',
    (path) => {
      expect(restTriggerNode.config.safeParse({ path }).success).toBe(true);
    },
  );

  it.each([
    ['', 'empty'],
    ['/orders', 'leading slash'],
    ['orders/', 'trailing slash'],
    ['orders//created', 'empty segment'],
    ['orders/../admin', 'parent segment'],
    ['Orders', 'uppercase'],
    ['orders created', 'space'],
    ['orders?x=1', 'query'],
    ['a'.repeat(201), 'over 200 characters'],
  ])('rejects the path %j (%s)', (path) => {
    expect(restTriggerNode.config.safeParse({ path }).success).toBe(false);
  });

  it('bounds the sync timeout to 100 ms .. 60 s', () => {
    const parse = (timeoutMs: number) =>
      restTriggerNode.config.safeParse({ path: 'x', mode: 'sync', timeoutMs }).success;
    expect([parse(99), parse(100), parse(60_000), parse(60_001)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('trigger.rest executor', () => {
  it('passes the recorded request through unchanged, in the documented shape', async () => {
    const event = {
      method: 'POST',
      path: 'orders/created',
      headers: { 'content-type': 'application/json' },
      query: { shop: 'demo' },
      body: { id: '820982911946154508' },
    };
    const ctx = createTestContext(restTriggerNode, { path: 'orders/created' }, { input: event });
    const { output } = expectOutput(restTriggerNode, await restTriggerExecutor.execute(ctx));
    expect(output).toBe(event);
  });
});
