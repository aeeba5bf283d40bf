/**
 * Resolvers of order risk and cancellation: the `orderRiskAssessmentCreate` and `orderCancel`
 * mutations, `Order.risk` / `Order.cancellation`, and the `job` query that polls a cancellation.
 * Business refusals are `userErrors` (HTTP 200); only a malformed order id is a top-level error.
 * @module
 */
import { requestCancel, findCancelJob, type CancelUserError } from '../../store/order-cancel.js';
import type {
  RiskFactSentiment,
  RiskLevel,
  SimCancelJob,
  SimOrder,
  SimRiskAssessment,
} from '../../store/records.js';
import { createRiskAssessment, riskRecommendation } from '../../store/risk.js';
import { requireGid } from './global-ids.js';
import type { GqlContext, TypeResolvers } from './shared.js';

function findOrder(ctx: GqlContext, id: unknown): SimOrder | undefined {
  const parsed = requireGid(id);
  return parsed.type === 'Order' ? ctx.sim.state.orders.get(parsed.id) : undefined;
}

function assessmentValue(assessment: SimRiskAssessment) {
  return {
    riskLevel: assessment.riskLevel,
    facts: assessment.facts,
    provider:
      assessment.providerTitle === null
        ? null
        : { resource: 'App', id: 'gid://shopify/App/1', title: assessment.providerTitle },
  };
}

function jobValue(job: SimCancelJob) {
  return { id: job.id, done: job.done, query: job.done ? {} : null };
}

function cancelPayload(job: SimCancelJob | null, errors: CancelUserError[]) {
  return {
    job: job ? jobValue(job) : null,
    orderCancelUserErrors: errors,
    userErrors: errors.map(({ field, message }) => ({ field, message })),
  };
}

interface RefundMethod {
  originalPaymentMethodsRefund?: boolean | null;
  storeCreditRefund?: unknown;
}

/** Mutation resolvers of risk assessments and cancellation. */
export const riskMutationResolvers: TypeResolvers<unknown> = {
  orderRiskAssessmentCreate: (_p, args, ctx) => {
    const input = args.orderRiskAssessmentInput as {
      orderId: string;
      riskLevel: RiskLevel;
      facts: { description: string; sentiment: RiskFactSentiment }[];
    };
    const order = findOrder(ctx, input.orderId);
    const result = createRiskAssessment(ctx.sim, order, input);
    return {
      orderRiskAssessment: result.assessment ? assessmentValue(result.assessment) : null,
      userErrors: result.userErrors,
    };
  },
  orderCancel: (_p, args, ctx) => {
    const order = findOrder(ctx, args.orderId);
    const method = (args.refundMethod ?? null) as RefundMethod | null;
    if (method?.storeCreditRefund) {
      const error: CancelUserError = {
        field: ['refundMethod', 'storeCreditRefund'],
        message: 'Store credit refunds are not simulated',
        code: 'INVALID',
      };
      return cancelPayload(null, [error]);
    }
    const refund =
      typeof args.refund === 'boolean'
        ? args.refund
        : method?.originalPaymentMethodsRefund === true;
    const result = requestCancel(ctx.sim, order, {
      reason: args.reason as string,
      refund,
      restock: args.restock === true,
      notifyCustomer: args.notifyCustomer === true,
      staffNote: typeof args.staffNote === 'string' ? args.staffNote : null,
    });
    return cancelPayload(result.job, result.userErrors);
  },
};

/** `Order.risk` and `Order.cancellation`. */
export const orderRiskResolvers: TypeResolvers<SimOrder> = {
  risk: (order, _a, ctx) => ({
    assessments: (order.riskAssessments ?? []).map(assessmentValue),
    recommendation: riskRecommendation(ctx.sim, order),
  }),
  cancellation: (order) =>
    order.cancellation ? { staffNote: order.cancellation.staffNote } : null,
};

/** `QueryRoot.job`: a cancellation job by id, or `null`. */
export const jobQueryResolvers: TypeResolvers<unknown> = {
  job: (_p, args, ctx) => {
    const found = typeof args.id === 'string' ? findCancelJob(ctx.sim.state, args.id) : undefined;
    return found ? jobValue(found.job) : null;
  },
};
