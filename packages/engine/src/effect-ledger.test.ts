import { describe, expect, it } from 'vitest';
import { effectReference, ledgerForNode, memoryEffectStore } from './effect-ledger';

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

describe('memoryEffectStore', () => {
  it('claims new, then reports unknown until settled, and settled to a replay', async () => {
    const store = memoryEffectStore();
    const ledger = ledgerForNode(store, 'sale');
    const first = await ledger.claim('', 'fp1');
    expect(first).toMatchObject({ state: 'new', attempt: 1, fingerprint: 'fp1' });
    expect((await ledger.claim('', 'fp1')).state).toBe('unknown');
    await ledger.settle('', 1, { approved: true }, '42');
    const replay = await ledgerForNode(store.forRun('run-2'), 'sale').claim('', 'fp1');
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
    await ledger.claim('', 'fp1');
    await ledger.release('', 1);
    const second = await ledger.claim('', 'fp2');
    expect(second).toMatchObject({ state: 'new', attempt: 2, fingerprint: 'fp2' });
    await ledger.settle('', 1, { stale: true });
    expect((await ledger.claim('', 'fp2')).state).toBe('unknown');
    await ledger.release('', 1);
    expect((await ledger.claim('', 'fp2')).attempt).toBe(2);
  });
});
