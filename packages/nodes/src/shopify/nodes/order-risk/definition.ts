import { z } from 'zod';
import {
  businessReferenceField,
  BUSINESS_REFERENCE_DOCS,
} from '../../../effects/business-reference-field';
import { defineNode } from '../../../define-node';
import { MAX_RISK_FACTS, RISK_LEVELS, RISK_SENTIMENTS } from '../../graphql/order-risk';
import {
  connectionIdField,
  orderIdField,
  SHOPIFY_CONNECTION,
  SHOPIFY_PORTS,
} from '../shared/fields';

/** One fact of an assessment, in words staff understand. */
export const ShopifyRiskFact = z.object({
  description: z.string().trim().min(1).max(1000).meta({
    title: 'Description',
    description: 'E.g. "Billing and shipping countries differ". Shopify keeps 256 characters.',
  }),
  sentiment: z.enum(RISK_SENTIMENTS).default('NEGATIVE').meta({
    title: 'Effect',
    description: 'NEGATIVE raises the risk, POSITIVE lowers it, NEUTRAL is context.',
    widget: 'select',
  }),
});
export type ShopifyRiskFact = z.infer<typeof ShopifyRiskFact>;

/** What writing an assessment did, as the effect ledger records it. */
export const ShopifyOrderRiskWrite = z.object({
  orderId: z.string(),
  legacyId: z.string(),
  orderName: z.string(),
  riskLevel: z.enum(RISK_LEVELS),
  /** The facts as Shopify holds them (descriptions cut to 256 characters). */
  facts: z.array(z.object({ description: z.string(), sentiment: z.string() })),
  /** False when the order already carried this assessment, so nothing was written. */
  written: z.boolean(),
  /** Shopify's recommendation for the order after the write (ACCEPT, INVESTIGATE, CANCEL, NONE). */
  recommendation: z.string(),
  /** How many risk assessments the order carries (Shopify's and apps'). */
  assessments: z.int().min(0),
});
export type ShopifyOrderRiskWrite = z.infer<typeof ShopifyOrderRiskWrite>;

/** What order-risk emits: the write and where its result came from. */
export const ShopifyOrderRiskResult = ShopifyOrderRiskWrite.extend({
  origin: z.enum(['shopify', 'ledger', 'lookup']),
});
export type ShopifyOrderRiskResult = z.infer<typeof ShopifyOrderRiskResult>;

/** Writes a risk assessment (level and facts) on an order, once per order and level. */
export const shopifyOrderRiskNode = defineNode({
  type: 'shopify.order-risk',
  version: 1,
  kind: 'action',
  title: 'Write order risk',
  description: 'Write a fraud risk level with its reasons to an order, shown in the Shopify admin.',
  category: 'shopify',
  icon: 'shield-alert',
  config: z.object({
    connectionId: connectionIdField,
    orderId: orderIdField,
    businessReference: businessReferenceField,
    riskLevel: z.enum(RISK_LEVELS).meta({
      title: 'Risk level',
      description: 'HIGH, MEDIUM, LOW, or NONE (no recommendation).',
      widget: 'select',
    }),
    facts: z
      .array(ShopifyRiskFact)
      .max(MAX_RISK_FACTS)
      .default([])
      .meta({
        title: 'Facts',
        description: `Up to ${MAX_RISK_FACTS} reasons behind the level, e.g. the score's reasons.`,
      }),
  }),
  output: ShopifyOrderRiskResult,
  ports: SHOPIFY_PORTS,
  effects: true,
  connection: SHOPIFY_CONNECTION,
  docs: `Writes the verdict back to Shopify with \`orderRiskAssessmentCreate\`, so staff see the
risk level and its facts on the order page of the Shopify admin.

- **Once per order and level**: each level is one assessment. Retries, replays, other events for
  the order and copies of the flow get the recorded result back (\`origin: "ledger"\`); an order
  that already carries the same level and facts is a success with \`written: false\`. A later
  verdict at another level (MEDIUM while in review, then HIGH once rejected) is a new assessment.
  Facts are recorded from the first write of a level: a re-score with other wording does not
  write again.
- Shopify takes at most ${MAX_RISK_FACTS} facts and keeps 256 characters of each description;
  longer ones are cut (ending in "…") before sending.
- Refusals go to the **error** port with Shopify's message: an unknown order, or one already
  marked fulfilled (Shopify accepts no new assessment then).
- When an answer is lost the order is read again before anything is sent twice.

${BUSINESS_REFERENCE_DOCS}`,
});

/** Order-risk settings after defaults. */
export type ShopifyOrderRiskConfig = z.infer<typeof shopifyOrderRiskNode.config>;
