/**
 * Order risk: `orderRiskAssessmentCreate` (an app writes a risk level with facts, which staff see
 * in the admin) and the summary `Order.risk` answers. Confirmed from Shopify's reference: at most
 * 20 facts (`TOO_MANY_FACTS`), fact descriptions beyond 256 characters are truncated, an order
 * marked fulfilled accepts no new assessment (`ORDER_ALREADY_FULFILLED`), an unknown order is
 * `NOT_FOUND`, and the recommendation is one of ACCEPT / INVESTIGATE / CANCEL / NONE. How the
 * recommendation follows from the assessments, whether an app's new assessment replaces its
 * earlier one and whether the write touches the order are UNCONFIRMED: settings.
 * @module
 */
import type { ShopContext } from '../context.js';
import { wholeSeconds } from '../core/time.js';
import type {
  RiskFactSentiment,
  RiskLevel,
  SimOrder,
  SimRiskAssessment,
  SimRiskFact,
} from './records.js';
import { saveOrder } from './save.js';
import { touchOrder } from './transactions.js';

/** Most facts one assessment may carry (Shopify: "Up to 20 facts can be provided"). */
export const MAX_RISK_FACTS = 20;
/** Longer fact descriptions are truncated (Shopify's reference, 2027-01 wording). */
export const MAX_FACT_DESCRIPTION = 256;

/** An `OrderRiskAssessmentCreateUserError`. */
export interface RiskUserError {
  field: string[];
  message: string;
  code: 'INVALID' | 'NOT_FOUND' | 'ORDER_ALREADY_FULFILLED' | 'TOO_MANY_FACTS';
}

/** What `orderRiskAssessmentCreate` was given (after GraphQL coerced the enums). */
export interface RiskAssessmentInput {
  riskLevel: RiskLevel;
  facts: { description: string; sentiment: RiskFactSentiment }[];
}

const FIELD = 'orderRiskAssessmentInput';

/**
 * Adds an app's assessment to `order` (undefined: not found). Nothing changes when any error is
 * returned. A blank description is refused as INVALID (the message wording is the simulator's).
 */
export function createRiskAssessment(
  sim: ShopContext,
  order: SimOrder | undefined,
  input: RiskAssessmentInput,
): { assessment: SimRiskAssessment | null; userErrors: RiskUserError[] } {
  const refuse = (error: RiskUserError) => ({ assessment: null, userErrors: [error] });
  if (!order) {
    return refuse({
      field: [FIELD, 'orderId'],
      message: 'Order does not exist',
      code: 'NOT_FOUND',
    });
  }
  if (input.facts.length > MAX_RISK_FACTS) {
    const message = `Too many facts: at most ${MAX_RISK_FACTS} can be provided`;
    return refuse({ field: [FIELD, 'facts'], message, code: 'TOO_MANY_FACTS' });
  }
  if ((order.fulfillments ?? []).length > 0) {
    const message = 'Order is fulfilled and can no longer accept new risk assessments';
    return refuse({ field: [FIELD, 'orderId'], message, code: 'ORDER_ALREADY_FULFILLED' });
  }
  const blank = input.facts.findIndex((f) => f.description.trim() === '');
  if (blank >= 0) {
    const field = [FIELD, 'facts', String(blank), 'description'];
    return refuse({ field, message: "Description can't be blank", code: 'INVALID' });
  }
  const facts: SimRiskFact[] = input.facts.map((f) => ({
    description: f.description.slice(0, MAX_FACT_DESCRIPTION),
    sentiment: f.sentiment,
  }));
  const assessment: SimRiskAssessment = {
    riskLevel: input.riskLevel,
    facts,
    providerTitle: sim.settings.appTitle,
    createdAt: wholeSeconds(sim.now()),
  };
  const kept = (order.riskAssessments ?? []).filter(
    (a) => !sim.settings.riskAssessmentReplacesOwn || a.providerTitle !== assessment.providerTitle,
  );
  order.riskAssessments = [...kept, assessment];
  if (sim.settings.riskAssessmentTouchesOrder) touchOrder(sim, order);
  else saveOrder(sim, order.id);
  return { assessment, userErrors: [] };
}

const RANK: Record<RiskLevel, number> = { PENDING: 0, NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
const ADVICE = ['NONE', 'ACCEPT', 'INVESTIGATE', 'CANCEL'] as const;

/** `OrderRiskSummary.recommendation` under the `riskRecommendation` setting. */
export function riskRecommendation(sim: ShopContext, order: SimOrder): (typeof ADVICE)[number] {
  const counted = (order.riskAssessments ?? []).filter(
    (a) => sim.settings.riskRecommendation === 'highest-level' || a.providerTitle === null,
  );
  const highest = counted.reduce((max, a) => Math.max(max, RANK[a.riskLevel]), 0);
  return ADVICE[highest] ?? 'NONE';
}
