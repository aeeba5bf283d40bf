import { describe, expect, it } from 'vitest';
import { generateEvents } from '../generator/generate';
import { HistoryIndex } from '../history';
import { defaultModel } from './default-model';
import { parseModelArtefact } from './artefact';
import { retrain, RETRAIN_MINIMUM, type LabelledExample } from './retrain';
import { localHour } from '../features/local-time';

const STORE = 'America/New_York';
const NOW = '2026-03-01T00:00:00Z';

/** A merchant's labelled past: approved orders with the history the scorer saw at the time. */
function merchantHistory(seed: number): (LabelledExample & { scenario: string })[] {
  const index = new HistoryIndex();
  const out: (LabelledExample & { scenario: string })[] = [];
  for (const e of generateEvents({
    seed,
    days: 30,
    ordersPerDay: 80,
    start: '2026-01-01T00:00:00Z',
  })) {
    if (e.approved)
      out.push({
        order: e.order,
        check: e.check,
        history: index.summarise(e.order, e.check),
        ipCountry: 'US',
        label: e.fraud ? 'fraud' : 'legitimate',
        scenario: e.scenario,
      });
    index.add(e);
  }
  return out;
}

describe('retrain', () => {
  const base = merchantHistory(11);

  it('switches to the candidate when the merchant’s labels carry a strong signal the prior lacks', () => {
    // This merchant's fraud ring orders at night: half the night orders turn out to be fraud.
    let k = 0;
    const labelled = base.map((x) =>
      localHour(x.order.created_at, STORE)! < 6 && k++ % 2 === 0
        ? { ...x, label: 'fraud' as const, source: 'chargeback 10.4' }
        : x,
    );
    const result = retrain({ prior: defaultModel(), labelled, now: NOW, storeTimeZone: STORE });
    if (result.status !== 'trained') throw new Error(result.reason);
    expect(result.better).toBe(true);
    expect(result.figures.candidate.averagePrecision).toBeGreaterThan(
      result.figures.live.averagePrecision + 0.05,
    );
    const night = result.candidate.features.find((f) => f.name === 'night_hour')!;
    const priorNight = defaultModel().features.find((f) => f.name === 'night_hour')!;
    expect(night.weight).toBeGreaterThan(priorNight.weight + 0.5);
    // A new, versioned artefact that the evaluator accepts, trained strictly before the held-out period.
    expect(result.candidate.version).toBe('merchant-20260301T000000Z');
    expect(result.candidate.version).not.toBe(defaultModel().version);
    expect(parseModelArtefact(JSON.parse(JSON.stringify(result.candidate)))).toBeTruthy();
    expect(Date.parse(result.trainedOn.before)).toBe(Date.parse(result.heldOut.from));
    expect(result.candidate.provenance).toMatchObject({
      prior: defaultModel().version,
      replaces: defaultModel().version,
    });
  }, 30_000);

  it('refuses with a clear reason when there are too few labels', () => {
    const few = base.filter((x) => x.label === 'legitimate').slice(0, 400);
    few.push(...base.filter((x) => x.label === 'fraud').slice(0, RETRAIN_MINIMUM.fraud - 1));
    const result = retrain({
      prior: defaultModel(),
      labelled: few,
      now: NOW,
      storeTimeZone: STORE,
    });
    expect(result).toMatchObject({
      status: 'refused',
      labels: { fraud: RETRAIN_MINIMUM.fraud - 1, legitimate: 400 },
    });
    expect(result.status === 'refused' && result.reason).toBe(
      `too few labelled orders: ${RETRAIN_MINIMUM.fraud - 1} fraud and 400 legitimate; ` +
        `retraining needs at least ${RETRAIN_MINIMUM.fraud} fraud and ${RETRAIN_MINIMUM.legitimate} legitimate`,
    );
  });

  it('refuses labels dated after the retraining time (they could not have been known)', () => {
    const result = retrain({
      prior: defaultModel(),
      labelled: base,
      now: '2026-01-15T00:00:00Z',
      storeTimeZone: STORE,
    });
    expect(result.status).toBe('refused');
    expect(result.status === 'refused' && result.reason).toMatch(/after the retraining time/);
  });
});
