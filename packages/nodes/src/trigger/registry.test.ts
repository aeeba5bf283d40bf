import { describe, expect, it } from 'vitest';
import { nodeDefinitions } from '../definitions';
import { lookupTrigger, triggerNodeOf, triggerTypesOn } from './registry';

const node = (type: string, config: Record<string, unknown>) => ({
  id: 'trigger',
  type,
  typeVersion: 1,
  config,
  position: { x: 0, y: 0 },
});

describe('trigger registry', () => {
  it('declares every trigger node the product ships, and nothing else', () => {
    const triggers = nodeDefinitions.filter((d) => d.kind === 'trigger');
    expect(triggers.length).toBeGreaterThan(0);
    for (const d of nodeDefinitions) {
      expect(lookupTrigger(d.type)?.node === d, d.type).toBe(d.kind === 'trigger');
    }
  });

  it('finds the kinds of a channel and the trigger of a graph', () => {
    expect(triggerTypesOn('http')).toEqual(['trigger.rest', 'trigger.chargeback']);
    expect(triggerTypesOn('shopify')).toEqual(['trigger.shopify', 'trigger.chargeback']);
    const graph = { nodes: [node('map', {}), node('trigger.manual', {})] };
    expect(triggerNodeOf(graph)?.trigger.channel).toBe('manual');
    expect(triggerNodeOf({ nodes: [node('map', {})] })).toBeUndefined();
  });

  it('serves a REST endpoint saved before rate limits with the defaults', () => {
    const rest = lookupTrigger('trigger.rest')!;
    expect(rest.endpoint?.(node('trigger.rest', { path: 'a' }))).toEqual({
      mode: 'async',
      timeoutMs: 10_000,
      rateLimit: { perMinute: 600, burst: 600 },
    });
  });

  it('claims its path when a REST flow goes live, and starts the clock of a schedule', () => {
    const claimed: string[] = [];
    let clocks = 0;
    const ctx = { claimEndpoint: (k: string) => claimed.push(k), startClock: () => clocks++ };
    lookupTrigger('trigger.rest')!.onEnable?.(node('trigger.rest', { path: 'orders/new' }), ctx);
    expect([claimed, clocks]).toEqual([['orders/new'], 0]);
    lookupTrigger('trigger.schedule')!.onEnable?.(
      node('trigger.schedule', { cron: '* * * * *' }),
      ctx,
    );
    expect([claimed, clocks]).toEqual([['orders/new'], 1]);
  });

  it('turns a REST call into the event its flow sees', () => {
    const rest = lookupTrigger('trigger.rest')!;
    const request = {
      method: 'POST',
      path: 'a',
      headers: { 'content-type': 'application/json' },
      query: { q: '1' },
      contentType: 'application/json',
      body: { id: 7 },
    };
    expect(rest.toEvent?.(node('trigger.rest', { path: 'a' }), request)).toEqual({
      ok: true,
      event: {
        method: 'POST',
        path: 'a',
        headers: request.headers,
        query: { q: '1' },
        body: { id: 7 },
      },
    });
    expect(rest.access?.(node('trigger.rest', { path: 'a', auth: { type: 'magic' } }))).toBeNull();
    expect(rest.access?.(node('trigger.rest', { path: 'a' }))?.auth).toEqual({ type: 'none' });
  });

  it('turns due schedule fires into events, and none for unreadable settings', () => {
    const schedule = lookupTrigger('trigger.schedule')!;
    const since = new Date('2026-01-01T00:00:00Z');
    const now = new Date('2026-01-01T00:03:30Z');
    const fires = schedule.dueFires?.(
      node('trigger.schedule', { cron: '* * * * *', timezone: 'UTC' }),
      since,
      now,
      10,
    );
    expect(fires?.map((f) => f.at.toISOString())).toEqual([
      '2026-01-01T00:01:00.000Z',
      '2026-01-01T00:02:00.000Z',
      '2026-01-01T00:03:00.000Z',
    ]);
    expect(fires?.[0]?.event).toEqual({
      scheduledAt: '2026-01-01T00:01:00.000Z',
      cron: '* * * * *',
      timezone: 'UTC',
    });
    expect(schedule.dueFires?.(node('trigger.schedule', { cron: 'nope' }), since, now, 10)).toEqual(
      [],
    );
  });
});
