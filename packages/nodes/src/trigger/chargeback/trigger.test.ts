import { describe, expect, it } from 'vitest';
import { lookupTrigger, triggerTypesFed, triggerTypesOn } from '../registry';
import { chargebackTriggerNode } from './definition';

const SECRET = '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11';
const STORE = '0b6f3c1e-2d4a-4b8e-9c7f-1a2b3c4d5e6f';
const node = (config: Record<string, unknown>) => ({
  id: 'intake',
  type: 'trigger.chargeback',
  typeVersion: 1,
  config,
  position: { x: 0, y: 0 },
});

describe('trigger.chargeback', () => {
  it('is served by the http and shopify channels and takes the chargeback report feed', () => {
    expect(triggerTypesOn('http')).toContain('trigger.chargeback');
    expect(triggerTypesOn('shopify')).toContain('trigger.chargeback');
    expect(triggerTypesFed('chargeback-report')).toEqual(['trigger.chargeback']);
  });

  it('requires a Standard Webhooks signing connection and defaults to the dispute topics', () => {
    expect(chargebackTriggerNode.config.safeParse({}).success).toBe(false);
    const parsed = chargebackTriggerNode.config.parse({ auth: { connectionId: SECRET } });
    expect(parsed).toMatchObject({
      path: 'chargebacks/paytrace',
      auth: { type: 'standard-webhooks', connectionId: SECRET },
      connectionId: '',
      topics: ['disputes/create', 'disputes/update'],
      gatewayNames: [],
    });
    expect(
      chargebackTriggerNode.config.safeParse({
        auth: { type: 'bearer', connectionId: SECRET },
      }).success,
    ).toBe(false);
    expect(
      chargebackTriggerNode.config.safeParse({
        auth: { connectionId: SECRET },
        topics: ['orders/create'],
      }).success,
    ).toBe(false);
  });

  it('claims its path, names its signing connection and subscribes the chosen store', () => {
    const trigger = lookupTrigger('trigger.chargeback')!;
    const n = node({ path: 'cb/notices', auth: { type: 'standard-webhooks', connectionId: SECRET } });
    expect(trigger.endpointKey?.(n)).toBe('cb/notices');
    expect(trigger.endpoint?.(n)).toMatchObject({ mode: 'async' });
    expect(trigger.connectionRefs?.(n, 0)).toEqual([
      {
        nodeId: 'intake',
        connectionId: SECRET,
        path: ['nodes', 0, 'config', 'auth', 'connectionId'],
        type: 'webhook.standard',
      },
    ]);
    expect(trigger.subscription?.(n)).toBeNull();
    expect(trigger.warnings?.(n)).toHaveLength(1);
    const withStore = node({ auth: { connectionId: SECRET }, connectionId: STORE });
    expect(trigger.subscription?.(withStore)).toEqual({
      source: STORE,
      sourceLabel: 'Shopify store',
      topics: ['disputes/create', 'disputes/update'],
    });
    expect(trigger.warnings?.(withStore)).toEqual([]);
  });
});
