/**
 * Order risk: `orderRiskAssessmentCreate` (an app's risk level with facts, shown to staff in the
 * Shopify admin) and the order's `risk` summary a write reads first. Shopify takes at most 20
 * facts and truncates descriptions beyond 256 characters; the variables schema refuses both
 * before sending.
 *
 * @module
 */
import { z } from 'zod';
import { defineMutation, defineQuery } from '../client/operation';
import { Gid, LegacyId, WireCodedUserError } from './wire';

/** Levels an app may write (`RiskAssessmentResult` without PENDING, which is Shopify's own). */
export const RISK_LEVELS = ['HIGH', 'MEDIUM', 'LOW', 'NONE'] as const;
/** `RiskFactSentiment`. */
export const RISK_SENTIMENTS = ['NEGATIVE', 'NEUTRAL', 'POSITIVE'] as const;
/** Most facts per assessment (Shopify: "Up to 20 facts can be provided"). */
export const MAX_RISK_FACTS = 20;
/** Longest fact description Shopify keeps whole. */
export const MAX_RISK_FACT_LENGTH = 256;

/** One fact as sent and as read back. */
export const WireRiskFact = z.object({
  description: z.string(),
  sentiment: z.string(),
});

/** An assessment as read back (`riskLevel` may be PENDING for Shopify's own). */
export const WireRiskAssessment = z.object({
  riskLevel: z.string(),
  facts: z.array(WireRiskFact),
  provider: z.object({ title: z.string() }).nullable(),
});
export type WireRiskAssessment = z.infer<typeof WireRiskAssessment>;

/** An order with its risk summary. */
export const WireOrderRisk = z.object({
  id: Gid,
  legacyResourceId: LegacyId,
  name: z.string(),
  risk: z.object({
    recommendation: z.string(),
    assessments: z.array(WireRiskAssessment),
  }),
});
export type WireOrderRisk = z.infer<typeof WireOrderRisk>;

const ORDER_RISK = `id legacyResourceId name
  risk { recommendation assessments { riskLevel facts { description sentiment } provider { title } } }`;

/** The order's risk summary. */
export const getOrderRisk = defineQuery({
  name: 'GetOrderRisk',
  document: `query GetOrderRisk($id: ID!) { order(id: $id) { ${ORDER_RISK} } }`,
  variables: z.object({ id: Gid }),
  data: z.object({ order: WireOrderRisk.nullable() }),
  cost: () => 3,
});

/** Writes one assessment. */
export const orderRiskAssessmentCreate = defineMutation({
  name: 'OrderRiskAssessmentCreate',
  document: `mutation OrderRiskAssessmentCreate($input: OrderRiskAssessmentCreateInput!) {
  orderRiskAssessmentCreate(orderRiskAssessmentInput: $input) {
    orderRiskAssessment { riskLevel facts { description sentiment } provider { title } }
    userErrors { field message code }
  }
}`,
  variables: z.object({
    input: z.object({
      orderId: Gid,
      riskLevel: z.enum(RISK_LEVELS),
      facts: z
        .array(
          z.object({
            description: z.string().min(1).max(MAX_RISK_FACT_LENGTH),
            sentiment: z.enum(RISK_SENTIMENTS),
          }),
        )
        .max(MAX_RISK_FACTS),
    }),
  }),
  data: z.object({
    orderRiskAssessmentCreate: z.object({
      orderRiskAssessment: WireRiskAssessment.nullable(),
      userErrors: z.array(WireCodedUserError),
    }),
  }),
  userErrors: (data) => data.orderRiskAssessmentCreate.userErrors,
});
