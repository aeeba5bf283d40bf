/**
 * `fraud.review`: hold an order for a person's decision (the review queue), durably, until
 * someone approves or rejects it or the timeout's default action applies.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';

export const FraudReviewOutput = z.object({
  reviewId: z.string(),
  orderId: z.string(),
  decision: z.enum(['approved', 'rejected']),
  /** The operator who decided, or `timeout` when nobody did in time. */
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** True when the timeout decided: `decision` is then the configured default action. */
  timedOut: z.boolean(),
});

export const fraudReviewNode = defineNode({
  type: 'fraud.review',
  version: 1,
  kind: 'action',
  title: 'Fraud review',
  description: 'Hold the order for an operator to approve or reject; wait durably.',
  category: 'fraud',
  icon: 'user-check',
  config: z.object({
    scoreId: z.string().min(1).max(100).optional().meta({
      title: 'Score',
      description: 'The stored score to review; empty takes scoreId of the input (a Fraud score).',
    }),
    orderId: z
      .union([z.int(), z.string().min(1).max(40)])
      .optional()
      .meta({ title: 'Order id', description: 'Empty takes orderId of the input.' }),
    timeoutHours: z.number().positive().max(720).default(72).meta({
      title: 'Decide within (hours)',
      description: 'Keep it below the authorization’s life (PayTrace: 7 days at most).',
    }),
    onTimeout: z.enum(['reject', 'approve']).default('reject').meta({
      title: 'When nobody decides',
      description: 'reject continues on rejected (void the authorization), approve on approved.',
    }),
  }),
  input: z.unknown(),
  output: FraudReviewOutput,
  ports: { inputs: ['in'], outputs: ['approved', 'rejected'] },
  effects: false,
  docs: `Put it on **Fraud score**'s \`review\` port. The order appears in the review queue
(\`GET /api/fraud/reviews\`, the Review queue page) with its score, reasons and signals, and the
run waits, holding no worker, across restarts. **Approve** (\`POST /api/fraud/reviews/{id}/approve\`)
continues on \`approved\` at once (e.g. capture); **Reject** on \`rejected\` (void, cancel the
order). A decision is audited and becomes a label for retraining. When nobody decides within
**Decide within**, the run continues with **When nobody decides** and \`timedOut: true\`.`,
});

export type FraudReviewConfig = z.infer<typeof fraudReviewNode.config>;
