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
import type { FraudStore } from '../store';
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
 * Builds the executor on the runtime's fraud store: the order's history is read from it before
 * scoring, and the attempt and the score are written to it after. Without a store (a bare
 * engine, unit tests) the history is empty and nothing is recorded, so velocity and customer
 * history read as "none" rather than being guessed.
 */
export function createFraudScoreExecutor(store: FraudStore | undefined) {
  return implementNode(fraudScoreNode, async (ctx) => {
    const order: FraudOrder = ctx.config.order ?? parseOrder(ctx.input);
    const { config } = ctx;
    const check =
      config.avsResponse || config.cscResponse || config.maskedCard || config.vaultCustomerId
        ? {
            avs_response: config.avsResponse ?? null,
            csc_response: config.cscResponse ?? null,
            masked_card: config.maskedCard ?? null,
            customer_id: config.vaultCustomerId ?? null,
          }
        : null;
    const history = store ? await store.summarise(order, check) : emptyHistory();
    const country = ipCountry(ipOf(order));
    const features = extractFeatures(order, check, history, {
      ipCountry: country,
      storeTimeZone: config.storeTimeZone,
    });
    const model = store ? await store.activeModel() : defaultModel();
    const result = scoreFeatures(model, features);
    const port =
      result.score >= config.highAt ? 'high' : result.score >= config.reviewAt ? 'review' : 'low';
    const level = port === 'high' ? 'high' : port === 'review' ? 'elevated' : 'low';
    let scoreId: string | null = null;
    if (store) {
      // The summary above excludes everything from the order's own time on, so recording after
      // reading gives the same answer when the step runs again.
      ({ scoreId } = await store.recordScore({
        approved: config.authorization === 'approved',
        runId: ctx.runId,
        nodeId: ctx.nodeId,
        order,
        check,
        ipCountry: country,
        history,
        features,
        score: result.score,
        level,
        reasons: result.reasons,
        modelVersion: result.modelVersion,
      }));
    }
    return {
      port,
      output: {
        orderId: order.id,
        score: result.score,
        level,
        reasons: result.reasons,
        modelVersion: result.modelVersion,
        scoreId,
      },
    };
  });
}

/** The executor without a store: empty history, nothing recorded. */
export const fraudScoreExecutor = createFraudScoreExecutor(undefined);
