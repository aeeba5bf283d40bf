import { describe, expect, it } from 'vitest';
import { runEvaluation } from './run';
import { ipCountry } from '../ip-country';

describe('time-split evaluation', () => {
  // A shorter stream than `npm run fraud:eval` (bounded to a few seconds) with another seed, so
  // the targets are not met only on the one stream the shipped model was tuned on. 90 days: a
  // card-testing burst comes about every ten days, and a shorter training period sees too few of
  // those the gateway approves to learn them.
  const result = runEvaluation(ipCountry, {
    seed: 99,
    days: 90,
    ordersPerDay: 200,
    start: '2026-01-01T00:00:00Z',
  });

  it('trains only on orders before the split and evaluates only after it', () => {
    expect(result.trainOrders).toBeGreaterThan(result.testOrders);
    expect(result.model.provenance['trainedBefore']).toBe(result.splitAt);
    expect(result.testFraud).toBeGreaterThan(30);
  });

  it('reaches ROC AUC >= 0.90 and beats both baselines on average precision', () => {
    // The 2x-rules-only AP target is met on seeds 2 and 17 but cannot be on every seed: see the
    // attainable AP below and README "Evaluation". Here the guard is that the model stays ahead.
    const { model, rulesOnly, avsCsc } = result.figures;
    expect(model.rocAuc).toBeGreaterThanOrEqual(0.9);
    expect(model.averagePrecision).toBeGreaterThan(1.2 * rulesOnly.averagePrecision);
    expect(model.averagePrecision).toBeGreaterThan(avsCsc.averagePrecision);
  });

  it('comes close to the highest AP an order-time score can reach (friendly fraud is invisible)', () => {
    expect(result.friendlyFraudShare).toBeGreaterThan(0.05);
    expect(result.attainableAp).toBeLessThan(1 - result.friendlyFraudShare + 0.05);
    expect(result.figures.model.averagePrecision).toBeGreaterThan(0.9 * result.attainableAp);
  });
});
