import { describe, expect, it } from 'vitest';
import { predictLogistic, trainLogistic } from './train-logistic';
import { scoreFeatures } from './evaluate';
import { parseModelArtefact } from './artefact';
import { defaultModel } from './default-model';
import { labelledOrders, toArtefact, transformedRow } from '../evaluation/run';
import { FEATURE_NAMES } from '../features/catalogue';
import type { FeatureVector } from '../features/extract';
import { extractFeatures } from '../features/extract';
import { emptyHistory } from '../order';
import { check, order } from '../test-orders.test-support';

const smallRun = () =>
  labelledOrders(
    { seed: 5, days: 20, ordersPerDay: 80, start: '2026-01-01T00:00:00Z' },
    () => 'US',
  );

describe('model evaluator', () => {
  it("matches the trainer's own predictions within 1e-9 on the same orders", () => {
    const orders = smallRun();
    const rows = orders.map((o) => transformedRow(o.features));
    const fit = trainLogistic(
      rows,
      orders.map((o) => (o.fraud ? 1 : 0)),
      { l2: 1, maxIterations: 50, positiveWeight: 1 },
    );
    const artefact = parseModelArtefact(JSON.parse(JSON.stringify(toArtefact(fit, 't', {}))));
    let worst = 0;
    orders.forEach((o, i) => {
      const diff = Math.abs(
        scoreFeatures(artefact, o.features).probability - predictLogistic(fit, rows[i]!),
      );
      worst = Math.max(worst, diff);
    });
    expect(orders.length).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(1e-9);
  });

  it('orders reasons by the size of their contribution, with direction and operator words', () => {
    const zero = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as FeatureVector;
    const model = toArtefact(
      {
        means: FEATURE_NAMES.map(() => 0),
        scales: FEATURE_NAMES.map(() => 1),
        weights: FEATURE_NAMES.map((n) =>
          n === 'csc_mismatch' ? 2 : n === 'email_orders_1h' ? 1 : n === 'avs_full' ? -3 : 0,
        ),
        intercept: -4,
        iterations: 0,
      },
      'fixed',
      {},
    );
    const result = scoreFeatures(model, {
      ...zero,
      csc_mismatch: 1,
      email_orders_1h: 5,
      avs_full: 1,
    });
    expect(result.reasons).toEqual([
      {
        feature: 'avs_full',
        text: 'address verification (AVS) fully matched',
        direction: 'lowers',
        weight: -3,
      },
      { feature: 'csc_mismatch', text: 'CSC did not match', direction: 'raises', weight: 2 },
      {
        feature: 'email_orders_1h',
        text: '5 orders from this email in the last hour',
        direction: 'raises',
        weight: 1.792, // log1p(5)
      },
    ]);
    // logit = -4 - 3 + 2 + log(6) = -3.208 -> p ~= 0.0388 -> score 3
    expect(result.score).toBe(3);
    expect(result.modelVersion).toBe('fixed');
  });

  it('keeps the score within 0-99', () => {
    const zero = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as FeatureVector;
    const certain = toArtefact(
      {
        means: FEATURE_NAMES.map(() => 0),
        scales: FEATURE_NAMES.map(() => 1),
        weights: FEATURE_NAMES.map(() => 0),
        intercept: 50,
        iterations: 0,
      },
      'x',
      {},
    );
    expect(scoreFeatures(certain, zero).score).toBe(99);
  });

  it('refuses an artefact with an unknown feature or a changed transform', () => {
    const good = JSON.parse(JSON.stringify(defaultModel()));
    expect(() =>
      parseModelArtefact({ ...good, features: [{ ...good.features[0], name: 'shoe_size' }] }),
    ).toThrow(/unknown feature shoe_size/);
    expect(() =>
      parseModelArtefact({ ...good, features: [{ ...good.features[0], transform: 'none' }] }),
    ).toThrow(/transform/);
    expect(() => parseModelArtefact({ ...good, format: 'other' })).toThrow(/format/);
  });

  it('the shipped model scores a card-testing order above a clean returning customer', () => {
    const model = defaultModel();
    const returning = emptyHistory();
    returning.customer = {
      ...returning.customer,
      firstSeenAt: '2025-06-01T00:00:00Z',
      priorOrders: 6,
      amountP90Minor: 8000,
      knownShippingAddresses: 1,
      shippingAddressSeenBefore: true,
    };
    returning.emailFirstSeenAt = '2025-06-01T00:00:00Z';
    returning.storeMedianAmountMinor = 6000;
    const clean = scoreFeatures(
      model,
      extractFeatures(order(), check(), returning, {
        ipCountry: 'US',
        storeTimeZone: 'America/New_York',
      }),
    );
    const burst = emptyHistory();
    burst.velocity.ip.h1 = { orders: 12, amountMinor: 3600, distinctCards: 25, failedAttempts: 13 };
    burst.velocity.ip.h24 = burst.velocity.ip.h1;
    burst.velocity.ip.d7 = burst.velocity.ip.h1;
    burst.storeMedianAmountMinor = 6000;
    const testing = scoreFeatures(
      model,
      extractFeatures(
        order({
          email: 'jackclark48213@mailinator.com',
          total_price: '11.00',
          created_at: '2026-03-02T08:00:00Z',
        }),
        check({
          avs_response: 'No Match',
          csc_response: 'No Match',
          masked_card: 'xxxxxxxxxxxx4242',
        }),
        burst,
        { ipCountry: 'NG', storeTimeZone: 'America/New_York' },
      ),
    );
    expect(clean.score).toBeLessThan(10);
    expect(testing.score).toBeGreaterThanOrEqual(75);
    // 12 orders and 13 declines from the IP within the hour: the burst is the first reason.
    expect(testing.reasons[0]).toMatchObject({
      text: '25 payment attempts from this IP address or with this card in the last hour',
      direction: 'raises',
    });
  });
});

describe('sign-constrained training', () => {
  it('holds a feature with a known direction at zero instead of letting it point the wrong way', () => {
    // The label rises with feature 0 and falls with feature 1, which is declared risk-raising.
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = (i % 20) / 20;
      const b = a / 2 + ((i * 7919) % 13) / 26;
      rows.push([a, b]);
      labels.push(a - b + ((i * 104729) % 10) / 50 > 0.2 ? 1 : 0);
    }
    const free = trainLogistic(rows, labels, { l2: 0.01, maxIterations: 50, positiveWeight: 1 });
    const signed = trainLogistic(rows, labels, {
      l2: 0.01,
      maxIterations: 50,
      positiveWeight: 1,
      signs: [1, 1],
    });
    expect(free.weights[1]).toBeLessThan(0);
    expect(signed.weights[1]).toBe(0);
    expect(signed.weights[0]).toBeGreaterThan(0);
  });
});

describe('artefact format', () => {
  it('refuses a model made when `amount` was in major units (format /1)', () => {
    const old = {
      ...JSON.parse(JSON.stringify(defaultModel())),
      format: 'paybridge.fraud.logistic/1',
    };
    expect(() => parseModelArtefact(old)).toThrow(/format must be paybridge.fraud.logistic\/2/);
  });
});
