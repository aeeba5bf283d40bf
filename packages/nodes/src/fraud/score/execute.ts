import { PermanentError } from '@paybridge/engine';
import {
  defaultModel,
  emptyHistory,
  extractFeatures,
  ipOf,
  scoreFeatures,
  type FraudOrder,
} from '@paybridge/fraud';
import { ipCountry } from '@paybridge/fraud/server';
import { implementNode } from '../../define-node';
import { FraudOrderInput, fraudScoreNode } from './definition';

/** The node input as an order, or a permanent error that says which field is wrong. */
function parseOrder(input: unknown) {
  const parsed = FraudOrderInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'order'}: ${i.message}`);
  throw new PermanentError(
    'fraud.order_invalid',
    `the input is not a Shopify order: ${problems.join('; ')}`,
  );
}

/**
 * Scores with the shipped model. The history summary is empty until the Postgres query that fills
 * it lands, so velocity and customer history read as "none" rather than being guessed.
 */
export const fraudScoreExecutor = implementNode(fraudScoreNode, async (ctx) => {
  const order: FraudOrder = ctx.config.order ?? parseOrder(ctx.input);
  const { config } = ctx;
  const check =
    config.avsResponse || config.cscResponse || config.maskedCard
      ? {
          avs_response: config.avsResponse ?? null,
          csc_response: config.cscResponse ?? null,
          masked_card: config.maskedCard ?? null,
          customer_id: config.vaultCustomerId ?? null,
        }
      : null;
  const features = extractFeatures(order, check, emptyHistory(), {
    ipCountry: ipCountry(ipOf(order)),
    storeTimeZone: config.storeTimeZone,
  });
  const result = scoreFeatures(defaultModel(), features);
  const port =
    result.score >= config.highAt ? 'high' : result.score >= config.reviewAt ? 'review' : 'low';
  return {
    port,
    output: {
      orderId: order.id,
      score: result.score,
      level: port === 'high' ? 'high' : port === 'review' ? 'elevated' : 'low',
      reasons: result.reasons,
      modelVersion: result.modelVersion,
    },
  };
});
