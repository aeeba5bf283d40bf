/**
 * The fraud review queue through the runtime's typed client. Every type here is inferred from the
 * runtime's `/api/fraud` routes (each declares its answer with zod), so there is no hand-written
 * copy of a review to drift from what the runtime sends. Money is integer minor units beside an
 * ISO 4217 code; a reason's weight is its signed contribution to the model's log-odds.
 *
 * @module
 */
import type { InferResponseType } from 'hono/client';
import { client, unwrap } from '../api/client';

const reviews = client.api.fraud.reviews;

/** What the queue shows: one decision status, the reviews the timeout decided, or everything. */
export type QueueFilter = 'waiting' | 'approved' | 'rejected' | 'timed-out' | 'all';

/** Reviews matching `filter`, waiting ones first (oldest first), then decided ones, newest first. */
export function listReviews(filter: QueueFilter) {
  const query =
    filter === 'all'
      ? {}
      : filter === 'timed-out'
        ? { timedOut: 'true' as const }
        : { status: filter };
  return unwrap(reviews.$get({ query: { ...query, limit: '500' } }));
}

/** One review with the order, its signals and the customer's history. */
export function getReview(id: string) {
  return unwrap(reviews[':id'].$get({ param: { id } }));
}

/**
 * Approves (the run goes on to capture) or rejects (void and cancel) a waiting review. A review
 * someone else or the timeout decided first answers 409 with what was decided, by whom and when.
 */
export function decideReview(id: string, decision: 'approve' | 'reject', note: string) {
  const json = note.trim() ? { note: note.trim() } : {};
  return unwrap(
    decision === 'approve'
      ? reviews[':id'].approve.$post({ param: { id }, json })
      : reviews[':id'].reject.$post({ param: { id }, json }),
  );
}

/** The successful answer of a route of the typed client. */
type Ok<Route> = InferResponseType<Route, 200>;

/** The list answer: reviews, how many match, how many wait. */
export type ReviewList = Ok<typeof reviews.$get>;
/** A review as listed. */
export type FraudReview = ReviewList['reviews'][number];
/** One of the model's contributions to a score, in words, with its direction and weight. */
export type FraudReason = FraudReview['reasons'][number];
/** low, elevated or high. */
export type FraudLevel = NonNullable<FraudReview['level']>;
/** A review with everything an operator decides on. */
export type FraudReviewDetail = Ok<(typeof reviews)[':id']['$get']>;
/** What Paybridge's history said when the order was scored. */
export type ScoreHistory = NonNullable<FraudReviewDetail['history']>;
/** Counters of one key (email, IP, …) over 1 h, 24 h and 7 d. */
export type VelocityCounters = ScoreHistory['velocity']['email'];

const models = client.api.fraud.models;

/** The fraud model versions: the shipped one first, which one scores. */
export function listModels() {
  return unwrap(models.$get());
}

/**
 * Retrains on the labelled scores; the runtime switches only when the candidate is better on the
 * held-out recent orders, and answers both figures and the outcome (switched, kept, refused).
 */
export function trainModel() {
  return unwrap(models.train.$post({ json: {} }));
}

/** Makes a version score (`shipped`: the shipped model). */
export function activateModel(version: string) {
  return unwrap(models[':version'].activate.$post({ param: { version } }));
}

/** A model version as listed. */
export type FraudModelVersion = Ok<typeof models.$get>['models'][number];
/** What a retrain came to. */
export type TrainResult = Ok<typeof models.train.$post>;
/** A model's figures on the held-out orders. */
export type ModelFigures = NonNullable<FraudModelVersion['figures']>['candidate'];
