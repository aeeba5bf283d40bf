/**
 * Executor of `fraud.review`: opens the review once per run and step, then waits (suspends)
 * until it is decided or its time is up. Every (re-)entry reads the review's truth first, so a
 * decision that arrived while the step was not waiting is never missed.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { implementNode } from '../../define-node';
import type { FraudStore, ReviewState } from '../store';
import { fraudReviewNode } from './definition';

const HOUR_MS = 3_600_000;

function field(input: unknown, name: string): unknown {
  return typeof input === 'object' && input !== null
    ? (input as Record<string, unknown>)[name]
    : undefined;
}

function output(review: ReviewState) {
  return {
    port: review.status === 'approved' ? 'approved' : 'rejected',
    output: {
      reviewId: review.id,
      orderId: review.orderId,
      decision: review.status === 'approved' ? ('approved' as const) : ('rejected' as const),
      decidedBy: review.decidedBy,
      decidedAt: review.decidedAt?.toISOString() ?? null,
      note: review.note,
      timedOut: review.timedOut,
    },
  };
}

/** Builds the executor on the runtime's fraud store; without one the node refuses to run. */
export function createFraudReviewExecutor(store: FraudStore | undefined) {
  return implementNode(fraudReviewNode, async (ctx) => {
    if (!store) throw new PermanentError('NO_FRAUD_STORE', 'This runtime keeps no review queue');
    const scoreId = ctx.config.scoreId ?? field(ctx.input, 'scoreId');
    const orderId = ctx.config.orderId ?? field(ctx.input, 'orderId');
    if (typeof orderId !== 'string' && typeof orderId !== 'number') {
      throw new PermanentError(
        'fraud.review_no_order',
        'No order to review: put the node after Fraud score, or set Order id',
      );
    }
    let review = await store.openReview({
      runId: ctx.runId,
      nodeId: ctx.nodeId,
      orderId: String(orderId),
      scoreId: typeof scoreId === 'string' ? scoreId : null,
      expiresAt: new Date(ctx.now().getTime() + ctx.config.timeoutHours * HOUR_MS),
      timeoutAction: ctx.config.onTimeout,
    });
    if (review.status === 'waiting' && ctx.now().getTime() >= review.expiresAt.getTime()) {
      review = await store.expireReview(review.id);
    }
    if (review.status !== 'waiting') return output(review);
    return {
      suspendUntil: review.expiresAt,
      state: { reviewId: review.id, until: review.expiresAt.toISOString() },
    };
  });
}
