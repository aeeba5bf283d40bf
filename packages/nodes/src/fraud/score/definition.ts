/**
 * `fraud.score`: an explainable 0-99 fraud score for a Shopify order, with the model's own
 * reasons, routed to `low` / `review` / `high`. Browser-safe (the editor draws it).
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { isTimeZone } from '../../time-zones';

const Address = z
  .object({
    address1: z.string().nullish(),
    city: z.string().nullish(),
    zip: z.string().nullish(),
    country_code: z.string().nullish(),
  })
  .loose();

/** The Shopify order fields the scorer reads (REST / webhook spelling); other fields pass. */
export const FraudOrderInput = z
  .object({
    id: z.union([z.int(), z.string().min(1)]),
    created_at: z.iso.datetime({ offset: true }),
    email: z.string().nullish(),
    browser_ip: z.string().nullish(),
    total_price: z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'a money string such as "12.34"'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
    billing_address: Address.nullish(),
    shipping_address: Address.nullish(),
    line_items: z.array(
      z
        .object({
          sku: z.string().nullish(),
          quantity: z.int().min(0),
          price: z.string(),
          gift_card: z.boolean().optional(),
        })
        .loose(),
    ),
    shipping_lines: z
      .array(z.object({ code: z.string().nullish(), title: z.string().nullish() }).loose())
      .optional(),
    client_details: z
      .object({ browser_ip: z.string().nullish(), user_agent: z.string().nullish() })
      .loose()
      .nullish(),
    customer: z
      .object({ id: z.union([z.int(), z.string()]), created_at: z.string().nullish() })
      .loose()
      .nullish(),
  })
  .loose();

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
      avsResponse: z.string().optional().meta({
        title: 'AVS answer',
        description: "PayTrace's avs_response, e.g. from an authorization's avsResponse.",
      }),
      cscResponse: z.string().optional().meta({
        title: 'CSC answer',
        description: "PayTrace's csc_response.",
      }),
      maskedCard: z
        .string()
        .regex(/^[0-9x*X]{12,19}$/, 'a masked card such as xxxxxxxxxxxx1111')
        .optional()
        .meta({ title: 'Masked card', description: 'Never the full number.' }),
      vaultCustomerId: z.string().optional().meta({ title: 'Vault customer id' }),
      storeTimeZone: z
        .string()
        .refine(isTimeZone, 'unknown time zone; use an IANA name such as America/New_York')
        .default('UTC')
        .meta({ title: 'Store time zone' }),
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
day in the store's time zone. Velocity and customer history from Paybridge's own orders are not
read yet: they count as none.`,
});

export type FraudScoreConfig = z.infer<typeof fraudScoreNode.config>;
