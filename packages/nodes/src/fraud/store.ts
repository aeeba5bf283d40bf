/**
 * The runtime's fraud store as the fraud nodes see it (the runtime implements it on Postgres):
 * Paybridge's own history of payment attempts (velocity, customer history), the scores given,
 * and the review queue. Nodes never reach the database; this port is all they know of it.
 *
 * @module
 */
import type {
  FeatureVector,
  FraudOrder,
  HistorySummary,
  ModelArtefact,
  PaymentCheck,
  ScoreReason,
} from '@paybridge/fraud';

/** A score as stored for the review queue and as a training example, with its attempt. */
export interface ScoreRecord {
  /** False for a declined authorization: it counts as a failed attempt, not an order. */
  approved: boolean;
  runId: string;
  nodeId: string;
  order: FraudOrder;
  check: PaymentCheck | null;
  ipCountry: string | null;
  history: HistorySummary;
  features: FeatureVector;
  score: number;
  level: 'low' | 'elevated' | 'high';
  reasons: ScoreReason[];
  modelVersion: string;
}

/** What a review came to. */
export type ReviewDecision = 'approved' | 'rejected';

/** A review as the `fraud.review` step reads it. */
export interface ReviewState {
  id: string;
  orderId: string;
  status: 'waiting' | ReviewDecision;
  expiresAt: Date;
  timeoutAction: 'approve' | 'reject';
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
  timedOut: boolean;
}

export interface FraudStore {
  /**
   * The model that scores now: the version the merchant made active (retrained on their own
   * labels), else the shipped one. Cached by the store, so asking once per order is cheap.
   */
  activeModel(): Promise<ModelArtefact>;
  /**
   * Velocity and customer history of `order` from the stored attempts strictly before its
   * `created_at`: the same answers as the fraud package's in-memory `HistoryIndex`.
   */
  summarise(order: FraudOrder, check: PaymentCheck | null): Promise<HistorySummary>;
  /**
   * Adds the attempt to the history (once per order) and stores the score (once per run and
   * node: again returns the first one's id), together.
   */
  recordScore(score: ScoreRecord): Promise<{ scoreId: string }>;
  /**
   * Opens the review of a score for this run and step, waiting until `expiresAt` (once: a
   * re-executed step gets the same review back, decided or not).
   */
  openReview(request: {
    runId: string;
    nodeId: string;
    orderId: string;
    scoreId: string | null;
    expiresAt: Date;
    timeoutAction: 'approve' | 'reject';
  }): Promise<ReviewState>;
  /** The review now, or null. */
  review(id: string): Promise<ReviewState | null>;
  /**
   * Applies the timeout's default action if nobody decided yet; returns the review as it ends
   * (an operator's decision that arrived first wins).
   */
  expireReview(id: string): Promise<ReviewState>;
}
