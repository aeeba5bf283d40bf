/**
 * `fraud.score`: an explainable 0-99 fraud score for a Shopify order, with the model's own
 * reasons, routed to `low` / `review` / `high`. Browser-safe (the editor draws it).
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { isTimeZone } from '../../time-zones';
import { FraudOrderSchema, PaymentCheckSchema } from '@paybridge/fraud/order-schema';

/** The order the node scores: the fraud package's one schema of it (a Shopify REST order). */
export const FraudOrderInput = FraudOrderSchema;

export const FraudReason = z.object({
  feature: z.string(),
  text: z.string(),
  direction: z.enum(['raises', 'lowers']),
  weight: z.number(),
});

export const FraudScoreOutput = z.object({
  orderId: z.union([z.int(), z.string()]),
  score: z.int().min(0).max(99),
  level: z.enum(['low', 'elevated', 'high']),
  reasons: z.array(FraudReason),
  modelVersion: z.string(),
  /** The stored score (for `fraud.review` and the review queue); null where nothing is stored. */
  scoreId: z.string().nullable(),
});

const threshold = (title: string, fallback: number) =>
  z.int().min(1).max(99).default(fallback).meta({ title });

export const fraudScoreNode = defineNode({
  type: 'fraud.score',
  version: 1,
  kind: 'action',
  title: 'Fraud score',
  description: 'Score a Shopify order 0-99 with the reasons behind it.',
  category: 'fraud',
  icon: 'shield-alert',
  config: z
    .object({
      order: FraudOrderInput.optional().meta({
        title: 'Order',
        description: 'The Shopify order; empty scores the node input.',
      }),
      avsResponse: z.string().nullish().meta({
        title: 'AVS answer',
        description: "PayTrace's avs_response, e.g. from an authorization's avsResponse.",
      }),
      cscResponse: z.string().nullish().meta({
        title: 'CSC answer',
        description: "PayTrace's csc_response.",
      }),
      maskedCard: PaymentCheckSchema.shape.masked_card
        .unwrap()
        .unwrap()
        .nullish()
        .meta({ title: 'Masked card', description: 'Never the full number.' }),
      vaultCustomerId: z.string().nullish().meta({ title: 'Vault customer id' }),
      storeTimeZone: z
        .string()
        .refine(isTimeZone, 'unknown time zone; use an IANA name such as America/New_York')
        .default('UTC')
        .meta({ title: 'Store time zone' }),
      authorization: z.enum(['approved', 'declined']).default('approved').meta({
        title: 'Authorization',
        description:
          "The payment attempt's outcome: wire an authorization's declined port here with 'declined' so failed attempts count in velocity (card testing).",
      }),
      reviewAt: threshold('Review from score', 65),
      highAt: threshold('High from score', 75),
    })
    .refine((c) => c.reviewAt <= c.highAt, {
      path: ['highAt'],
      message: 'the high threshold must not be below the review threshold',
    }),
  output: FraudScoreOutput,
  ports: { inputs: ['in'], outputs: ['low', 'review', 'high'] },
  effects: false,
  docs: `Scores the order with the shipped fraud model (a regularised logistic regression,
evaluated offline in Paybridge, no per-order fee) and routes it:

| Port | When |
| --- | --- |
| \`low\` | score below **Review from score** (65) |
| \`review\` | score from **Review from score** up to **High from score** |
| \`high\` | score at or above **High from score** (75) |

\`reasons\` are the model's largest contributions for this order, in words ("CSC did not
match", "5 orders from this email in the last hour"), each with its direction and weight.
Signals: addresses and countries (IP located offline), AVS and CSC, email, order shape, time of
day in the store's time zone, and Paybridge's own history in Postgres: velocity per email, IP,
card (masked card + vault id), shipping address and device over 1 h / 24 h / 7 d, and the
customer's past orders, refunds and chargebacks. Each scored order joins that history (a
declined authorization as a failed attempt), and the score is stored with its signals for the
review queue (\`scoreId\`).`,
});

export type FraudScoreConfig = z.infer<typeof fraudScoreNode.config>;
