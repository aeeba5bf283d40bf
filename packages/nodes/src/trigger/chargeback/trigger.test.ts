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
    const n = node({
      path: 'cb/notices',
      auth: { type: 'standard-webhooks', connectionId: SECRET },
    });
    const claimed: string[] = [];
    trigger.onEnable?.(n, { claimEndpoint: (k) => claimed.push(k), startClock: () => undefined });
    expect(claimed).toEqual(['cb/notices']);
    expect(trigger.access?.(n)).toEqual({
      auth: { type: 'standard-webhooks', connectionId: SECRET },
      ipAllowList: [],
      trustedProxies: [],
    });
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

  it('reads a notification into the case it reports, and refuses one that is not a chargeback', () => {
    const trigger = lookupTrigger('trigger.chargeback')!;
    const n = node({ auth: { connectionId: SECRET } });
    const request = (body: unknown) => ({
      method: 'POST',
      path: 'chargebacks/paytrace',
      headers: {},
      query: {},
      contentType: 'application/json',
      body,
    });
    const data = {
      case_number: 'CB-1',
      case_type: 'chargeback',
      status: 'open',
      transaction_id: '1001',
      amount: '68.87',
      currency: 'USD',
      reason_code: '10.4',
      card_last4: '4111111111111111',
      received_date: '2026-11-02',
      reply_by_date: '2026-11-20',
    };
    const read = trigger.toEvent?.(n, request({ type: 'chargeback.created', data }));
    expect(read).toMatchObject({
      ok: true,
      event: {
        channel: 'processor-notice',
        notice: {
          processor: 'paytrace',
          caseNumber: 'CB-1',
          amount: 6887,
          cardLast4: '1111',
          openedOn: '2026-11-02',
          evidenceDueBy: '2026-11-20',
        },
      },
    });
    expect(JSON.stringify(read)).not.toContain('4111111111111111');
    expect(trigger.toEvent?.(n, request({ hello: 'world' }))).toMatchObject({
      ok: false,
      status: 422,
    });
    expect(
      trigger.toEvent?.(n, request({ type: 'x', data: { ...data, amount: 'lots' } })),
    ).toMatchObject({ ok: false, status: 422, message: expect.stringContaining('amount') });
  });
});
