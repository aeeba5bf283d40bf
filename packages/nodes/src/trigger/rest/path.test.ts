import { describe, expect, it } from 'vitest';
import { restTriggerNode } from './definition';

describe('REST trigger path', () => {
  it('refuses the prefix Shopify webhooks arrive on, with a reason', () => {
    for (const path of ['shopify', 'shopify/orders']) {
      const result = restTriggerNode.config.safeParse({ path });
      expect(result.error?.issues[0]?.message).toMatch(/reserved for Shopify webhooks/);
    }
    expect(restTriggerNode.config.safeParse({ path: 'shopify-orders' }).success).toBe(true);
  });
});
