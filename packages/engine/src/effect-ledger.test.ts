import { describe, expect, it } from 'vitest';
import { effectKey, effectReference, ledgerForNode, memoryEffectStore } from './effect-ledger';

const one = { item: '' };

describe('effectReference', () => {
  it('is stable, short and alphanumeric, and differs per node and item', () => {
    const a = effectReference('flow', 'event', 'sale', '');
    expect(a).toBe(effectReference('flow', 'event', 'sale', ''));
    expect(a).toMatch(/^PB[A-Z0-9]{16}$/);
    const others = [
      effectReference('flow', 'event', 'sale', '1'),
      effectReference('flow', 'event', 'refund', ''),
      effectReference('flow', 'event2', 'sale', ''),
      effectReference('flow2', 'event', 'sale', ''),
    ];
    expect(new Set([a, ...others]).size).toBe(5);
  });
});

describe('effectKey', () => {
  it('keys by business reference when there is one, else by flow, event, node and item', () => {
    expect(effectKey('f', 'e', 'n', { item: '', business: 'paytrace:c:order:1:sale' })).toBe(
      'biz:paytrace:c:order:1:sale',
    );
    expect(effectKey('f', 'e', 'n', { item: 'void', business: 'x' })).toBe('biz:x#void');
    expect(effectKey('f', 'e', 'n', { item: 'i' })).toBe('flow:f/event:e/node:n/item:i');
  });
});

describe('memoryEffectStore', () => {
  it('claims new, then reports unknown until settled, and settled to a replay', async () => {
    const store = memoryEffectStore();
    const ledger = ledgerForNode(store, 'sale');
    const first = await ledger.claim(one, 'fp1');
    expect(first).toMatchObject({ state: 'new', attempt: 1, fingerprint: 'fp1' });
    expect((await ledger.claim(one, 'fp1')).state).toBe('unknown');
    await ledger.settle(one, 1, { approved: true }, '42');
    const replay = await ledgerForNode(store.forRun('run-2'), 'sale').claim(one, 'fp1');
    expect(replay).toMatchObject({
      state: 'settled',
      outcome: { approved: true },
      remoteId: '42',
      settledByRun: 'run-1',
      reference: first.reference,
    });
  });

  it('opens the next attempt with the new fingerprint after a release, and ignores stale calls', async () => {
    const ledger = ledgerForNode(memoryEffectStore(), 'sale');
    await ledger.claim(one, 'fp1');
    await ledger.release(one, 1);
    const second = await ledger.claim(one, 'fp2');
    expect(second).toMatchObject({ state: 'new', attempt: 2, fingerprint: 'fp2' });
    await ledger.settle(one, 1, { stale: true });
    expect((await ledger.claim(one, 'fp2')).state).toBe('unknown');
    await ledger.release(one, 1);
    expect((await ledger.claim(one, 'fp2')).attempt).toBe(2);
  });

  it('shares business-keyed records across events and flows, and lists them by target', async () => {
    const store = memoryEffectStore();
    const ref = { item: '', business: 'paytrace:c:order:7:refund:9' };
    const first = await ledgerForNode(store, 'refund').claim(ref, 'fp', {
      target: '100',
      operation: 'refund',
      amountMinor: 500,
    });
    const other = store.forEvent({ flowId: 'flow-2', eventId: 'event-2', runId: 'run-2' });
    const again = await ledgerForNode(other, 'another-node').claim(ref, 'fp');
    expect(again).toMatchObject({ state: 'unknown', reference: first.reference });
    const fallback = await ledgerForNode(other, 'refund').claim(one, 'fp');
    expect(fallback.state).toBe('new');
    expect(await other.related('100')).toEqual([
      expect.objectContaining({ operation: 'refund', amountMinor: 500, status: 'pending' }),
    ]);
  });
});
