import { ledgerForNode, memoryEffectStore } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ShopifyNotSentError,
  ShopifyOutcomeUnknownError,
  ShopifyUserError,
} from '../client/errors';
import { performShopifyWrite, type ShopifyEffect } from './write-effect';

const Result = z.object({ wrote: z.boolean(), n: z.int() });
type Result = z.infer<typeof Result>;

/** A fake write: `outcomes` scripts what each send does; `landed` counts what reached "Shopify". */
function fakeEffect(options: {
  fingerprint?: string;
  couldLandTwice?: boolean;
  outcomes?: ('ok' | 'lost-after' | 'lost-before' | 'refused' | 'not-sent')[];
  alreadyDone?: () => boolean;
}) {
  const world = { landed: 0, sends: 0, prepares: 0 };
  const outcomes = [...(options.outcomes ?? [])];
  const effect: ShopifyEffect<Result> = {
    item: '',
    fingerprint: options.fingerprint ?? 'fp-a',
    result: Result,
    couldLandTwice: options.couldLandTwice ?? true,
    wrote: (r) => r.wrote,
    async prepare() {
      world.prepares += 1;
      if (options.alreadyDone?.()) return { done: { wrote: false, n: world.landed } };
      return {
        baseline: `count:${world.landed}`,
        async send() {
          world.sends += 1;
          const outcome = outcomes.shift() ?? 'ok';
          if (outcome === 'refused')
            throw new ShopifyUserError('Fake', [{ field: ['id'], message: 'no' }]);
          if (outcome === 'not-sent') throw new ShopifyNotSentError('X', 'refused connection');
          if (outcome === 'lost-before') throw new ShopifyOutcomeUnknownError('X', 'reset');
          world.landed += 1;
          if (outcome === 'lost-after') throw new ShopifyOutcomeUnknownError('X', 'reset');
          return { wrote: true, n: world.landed };
        },
      };
    },
    async lookup(baseline) {
      const before = Number(baseline.split(':')[1]);
      return world.landed > before ? { wrote: true, n: world.landed } : undefined;
    },
  };
  return { effect, world };
}

function context(store = memoryEffectStore(), now = () => new Date('2025-01-15T12:00:00Z')) {
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  return { effects: ledgerForNode(store, 'node-1'), runId: 'run-1', now, logger };
}

describe('performShopifyWrite', () => {
  it('sends once and reuses the recorded outcome afterwards', async () => {
    const store = memoryEffectStore();
    const { effect, world } = fakeEffect({});
    await expect(performShopifyWrite(context(store), effect, 60_000)).resolves.toMatchObject({
      origin: 'shopify',
    });
    await expect(performShopifyWrite(context(store), effect, 60_000)).resolves.toMatchObject({
      origin: 'ledger',
      n: 1,
    });
    expect(world.sends).toBe(1);
  });

  it('finds a write whose answer was lost, without sending again', async () => {
    const { effect, world } = fakeEffect({ outcomes: ['lost-after'] });
    await expect(performShopifyWrite(context(), effect, 60_000)).resolves.toMatchObject({
      origin: 'lookup',
    });
    expect(world).toMatchObject({ sends: 1, landed: 1 });
  });

  it('waits before resending a write that could land twice, then sends it once', async () => {
    let t = Date.parse('2025-01-15T12:00:00Z');
    const now = () => new Date(t);
    const store = memoryEffectStore({ now });
    const { effect, world } = fakeEffect({ outcomes: ['lost-before'] });
    await expect(performShopifyWrite(context(store, now), effect, 60_000)).rejects.toMatchObject({
      code: 'SHOPIFY_OUTCOME_PENDING',
      retryAfterMs: 60_000,
    });
    t += 60_000;
    await expect(performShopifyWrite(context(store, now), effect, 60_000)).resolves.toMatchObject({
      origin: 'shopify',
    });
    expect(world).toMatchObject({ sends: 2, landed: 1 });
  });

  it('resends at once a write that cannot land twice', async () => {
    const { effect, world } = fakeEffect({ outcomes: ['lost-before'], couldLandTwice: false });
    await expect(performShopifyWrite(context(), effect, 60_000)).resolves.toMatchObject({
      origin: 'shopify',
    });
    expect(world).toMatchObject({ sends: 2, landed: 1 });
  });

  it('treats a claim without a baseline as never sent (a crash before sending)', async () => {
    const store = memoryEffectStore();
    await ledgerForNode(store, 'node-1').claim({ item: '' }, 'fp-a');
    const { effect, world } = fakeEffect({});
    await expect(performShopifyWrite(context(store), effect, 60_000)).resolves.toMatchObject({
      origin: 'shopify',
    });
    expect(world.sends).toBe(1);
  });

  it('decides again once after a refusal, then reports it', async () => {
    let paidMeanwhile = false;
    const settles = fakeEffect({ outcomes: ['refused'], alreadyDone: () => paidMeanwhile });
    paidMeanwhile = false;
    const first = performShopifyWrite(context(), settles.effect, 60_000);
    paidMeanwhile = true;
    await expect(first).resolves.toMatchObject({ wrote: false });
    const refused = fakeEffect({ outcomes: ['refused', 'refused'] });
    await expect(performShopifyWrite(context(), refused.effect, 60_000)).rejects.toBeInstanceOf(
      ShopifyUserError,
    );
    expect(refused.world.sends).toBe(2);
  });

  it('releases a claim the connection never carried', async () => {
    const store = memoryEffectStore();
    const { effect } = fakeEffect({ outcomes: ['not-sent'] });
    await expect(performShopifyWrite(context(store), effect, 60_000)).rejects.toBeInstanceOf(
      ShopifyNotSentError,
    );
    await expect(performShopifyWrite(context(store), effect, 60_000)).resolves.toMatchObject({
      origin: 'shopify',
    });
  });

  it('refuses a changed request after a write, allows it after a no-op', async () => {
    const store = memoryEffectStore();
    await performShopifyWrite(context(store), fakeEffect({}).effect, 60_000);
    await expect(
      performShopifyWrite(context(store), fakeEffect({ fingerprint: 'fp-b' }).effect, 60_000),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });

    const other = memoryEffectStore();
    await performShopifyWrite(
      context(other),
      fakeEffect({ alreadyDone: () => true }).effect,
      60_000,
    );
    const changed = fakeEffect({ fingerprint: 'fp-b' });
    await expect(
      performShopifyWrite(context(other), changed.effect, 60_000),
    ).resolves.toMatchObject({
      origin: 'shopify',
      wrote: true,
    });
  });

  it('without a ledger refuses writes that could land twice', async () => {
    const logger = { info: () => {}, warn: () => {}, error: () => {} };
    const ctx = { runId: 'run-1', now: () => new Date(), logger };
    await expect(performShopifyWrite(ctx, fakeEffect({}).effect, 0)).rejects.toMatchObject({
      code: 'EFFECT_LEDGER_MISSING',
    });
    await expect(
      performShopifyWrite(ctx, fakeEffect({ couldLandTwice: false }).effect, 0),
    ).resolves.toMatchObject({ origin: 'shopify' });
  });
});
