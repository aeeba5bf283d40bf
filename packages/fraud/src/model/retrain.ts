/**
 * Retraining on the merchant's own outcomes: chargebacks with fraud reason codes, orders cancelled
 * for fraud in review, approved reviews and orders past the dispute window become labels. Pure:
 * the caller (CLI `paybridge fraud train`, the review page's button) loads the labelled orders
 * with the history summaries the scorer saw, and decides what to do with the answer.
 *
 * The candidate is the same logistic model, pulled towards the shipped prior: the penalty is
 * l2 * sum (w - w_prior)^2 on the prior's standardised scale, so a few hundred labels move the
 * weights only where the merchant's outcomes disagree with the prior, and the intercept follows
 * the merchant's own fraud rate. It is trained on the older labels and compared with the live
 * model on the most recent ones (a time split, never random: fraud comes in waves), and the
 * artefact returned is the one those figures describe.
 *
 * @module
 */
import { FEATURE_NAMES, RISK_SIGNS } from '../features/catalogue';
import { extractFeatures, type FeatureVector } from '../features/extract';
import type { FraudOrder, HistorySummary, PaymentCheck } from '../order';
import { figures, type Figures } from '../evaluation/metrics';
import { toArtefact, type ModelArtefact } from './artefact';
import { scoreFeatures } from './evaluate';
import { trainLogistic } from './train-logistic';
import { transformedRow } from './transform';

export type OutcomeLabel = 'fraud' | 'legitimate';

/** One past order with its outcome, as the scorer saw it when the order was placed. */
export interface LabelledExample {
  order: FraudOrder;
  check: PaymentCheck | null;
  /** The history summary as of the order's own `created_at` (never computed later). */
  history: HistorySummary;
  /** Country of the order's IP (`ipCountry` from `@paybridge/fraud/server`), null if unknown. */
  ipCountry: string | null;
  label: OutcomeLabel;
  /** Where the label came from, e.g. "chargeback 10.4", "review rejected"; for the record only. */
  source?: string;
}

export interface RetrainInput {
  /** The shipped model: centre of the penalty and the scale the weights are read on. */
  prior: ModelArtefact;
  /** The model scoring orders now (a previous retrain, or the prior); defaults to the prior. */
  live?: ModelArtefact;
  labelled: readonly LabelledExample[];
  /** When the retraining runs: labels must be older; names the new version. */
  now: Date | string;
  /** The store's IANA time zone, as used when scoring. */
  storeTimeZone: string;
  /** Penalty towards the prior (default {@link RETRAIN_DEFAULTS}.l2). */
  l2?: number;
}

/**
 * The least the merchant's labels must hold: below it a held-out comparison says nothing and the
 * candidate would mostly echo the prior. Counts are per class, overall and in the held-out
 * (most recent) share of the labelled orders.
 */
export const RETRAIN_MINIMUM = {
  fraud: 30,
  legitimate: 300,
  heldOutFraud: 10,
  heldOutLegitimate: 100,
} as const;

export const RETRAIN_DEFAULTS = {
  /** The most recent share of labelled orders kept out of training to compare the models on. */
  heldOutShare: 0.3,
  l2: 10,
} as const;

interface Counts {
  fraud: number;
  legitimate: number;
}

export type RetrainResult =
  | {
      status: 'refused';
      /** Why, in words for the merchant (shown by the CLI and on the review page). */
      reason: string;
      labels: Counts;
    }
  | {
      status: 'trained';
      /** The new artefact, with a new version string; not live until the caller switches. */
      candidate: ModelArtefact;
      /**
       * The candidate's average precision on the held-out period (0-99 scores, as shown) is
       * higher than the live model's: switch only then.
       */
      better: boolean;
      /** Both models on the same held-out orders. */
      figures: { candidate: Figures; live: Figures };
      trainedOn: Counts & { before: string };
      heldOut: Counts & { from: string };
    };

const count = (xs: readonly { label: OutcomeLabel }[]): Counts => ({
  fraud: xs.filter((x) => x.label === 'fraud').length,
  legitimate: xs.filter((x) => x.label === 'legitimate').length,
});

function versionAt(now: Date): string {
  return `merchant-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

/**
 * Trains a candidate on the merchant's older labels, scores it and the live model on the newer
 * ones, and says whether the candidate is better. Refuses (with the reason) when the labels are
 * too few, dated after `now`, or the prior was made for other features.
 */
export function retrain(input: RetrainInput): RetrainResult {
  const now = new Date(input.now);
  const live = input.live ?? input.prior;
  const labels = count(input.labelled);
  const refuse = (reason: string): RetrainResult => ({ status: 'refused', reason, labels });
  if (Number.isNaN(now.getTime())) return refuse('the retraining time is not a valid date');
  const names = input.prior.features.map((f) => f.name);
  if (names.length !== FEATURE_NAMES.length || names.some((n, j) => n !== FEATURE_NAMES[j]))
    return refuse(
      `the prior model ${input.prior.version} was made for other features than this version computes`,
    );
  if (labels.fraud < RETRAIN_MINIMUM.fraud || labels.legitimate < RETRAIN_MINIMUM.legitimate)
    return refuse(
      `too few labelled orders: ${labels.fraud} fraud and ${labels.legitimate} legitimate; ` +
        `retraining needs at least ${RETRAIN_MINIMUM.fraud} fraud and ${RETRAIN_MINIMUM.legitimate} legitimate`,
    );

  const dated = input.labelled.map((x) => ({ ...x, at: Date.parse(x.order.created_at) }));
  const undated = dated.find((x) => Number.isNaN(x.at) || x.at > now.getTime());
  if (undated)
    return refuse(
      `order ${undated.order.id} is dated ${undated.order.created_at}, after the retraining time ${now.toISOString()}`,
    );
  dated.sort((a, b) => a.at - b.at);
  const cut = dated[Math.floor(dated.length * (1 - RETRAIN_DEFAULTS.heldOutShare))]!.at;
  const train = dated.filter((x) => x.at < cut);
  const heldOut = dated.filter((x) => x.at >= cut);
  const trainCounts = count(train);
  const heldOutCounts = count(heldOut);
  if (
    heldOutCounts.fraud < RETRAIN_MINIMUM.heldOutFraud ||
    heldOutCounts.legitimate < RETRAIN_MINIMUM.heldOutLegitimate ||
    trainCounts.fraud < RETRAIN_MINIMUM.heldOutFraud
  )
    return refuse(
      `too few labels on one side of the time split at ${new Date(cut).toISOString()}: ` +
        `${trainCounts.fraud} fraud before it, ${heldOutCounts.fraud} fraud and ` +
        `${heldOutCounts.legitimate} legitimate after; the comparison needs at least ` +
        `${RETRAIN_MINIMUM.heldOutFraud} fraud on each side and ${RETRAIN_MINIMUM.heldOutLegitimate} legitimate after`,
    );

  const featuresOf = (x: LabelledExample): FeatureVector =>
    extractFeatures(x.order, x.check, x.history, {
      ipCountry: x.ipCountry,
      storeTimeZone: input.storeTimeZone,
    });
  const l2 = input.l2 ?? RETRAIN_DEFAULTS.l2;
  const fit = trainLogistic(
    train.map((x) => transformedRow(featuresOf(x))),
    train.map((x) => (x.label === 'fraud' ? 1 : 0)),
    {
      l2,
      maxIterations: 50,
      positiveWeight: 1,
      signs: RISK_SIGNS,
      centre: input.prior.features.map((f) => f.weight),
      standardisation: {
        means: input.prior.features.map((f) => f.mean),
        scales: input.prior.features.map((f) => f.scale),
      },
    },
  );
  const before = new Date(cut).toISOString();
  const candidate = toArtefact(fit, versionAt(now), {
    trainedOn: 'merchant labels',
    prior: input.prior.version,
    replaces: live.version,
    trainedAt: now.toISOString(),
    trainedBefore: before,
    l2,
    labels: trainCounts,
  });
  const heldOutFeatures = heldOut.map(featuresOf);
  const scored = (model: ModelArtefact) =>
    heldOutFeatures.map((f, i) => ({
      score: scoreFeatures(model, f, 0).score,
      fraud: heldOut[i]!.label === 'fraud',
    }));
  const both = { candidate: figures(scored(candidate)), live: figures(scored(live)) };
  candidate.provenance['heldOut'] = { from: before, ...heldOutCounts, figures: both.candidate };
  return {
    status: 'trained',
    candidate,
    better: both.candidate.averagePrecision > both.live.averagePrecision,
    figures: both,
    trainedOn: { ...trainCounts, before },
    heldOut: { ...heldOutCounts, from: before },
  };
}
