import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { FraudReason, isTimeZone } from '@paybridge/nodes/definitions';
import { actorOf } from '../../auth/actor';
import {
  decideReview,
  listReviews,
  reviewDetail,
  ReviewDecisionError,
} from '../../fraud/review-queue';
import {
  activateModel,
  listModels,
  ModelVersionError,
  trainModel,
  merchantTimeZone,
  LABEL_SOURCES,
  DISPUTE_WINDOW_DAYS,
} from '../../fraud/model-versions';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonResponse } from '../openapi-helpers';
import { errorResponses, ErrorResponse, IdParam } from '../schemas';

export const FraudReviewStatus = z.enum(['waiting', 'approved', 'rejected']);

const Money = z.object({ minor: z.number().int(), currency: z.string() });

export const FraudReview = z
  .object({
    id: z.string(),
    /** The run waiting on the decision. */
    runId: z.string(),
    orderId: z.string(),
    orderName: z.string().nullable(),
    email: z.string().nullable(),
    amount: Money.nullable(),
    status: FraudReviewStatus,
    /** 0-99; null when the score was not stored (a review without a Fraud score before it). */
    score: z.number().int().nullable(),
    level: z.enum(['low', 'elevated', 'high']).nullable(),
    /** The model's largest contributions for this order, largest first. */
    reasons: z.array(FraudReason),
    createdAt: z.string(),
    /** When the timeout's default action applies. */
    expiresAt: z.string(),
    timeoutAction: z.enum(['approve', 'reject']),
    decidedAt: z.string().nullable(),
    /** The operator (email or token name), or `timeout`. */
    decidedBy: z.string().nullable(),
    note: z.string().nullable(),
    timedOut: z.boolean(),
  })
  .openapi('FraudReview');

export const FraudReviewList = z
  .object({
    reviews: z.array(FraudReview),
    /** Reviews matching the filter. */
    total: z.number().int(),
    /** Reviews waiting for a decision, whatever the filter. */
    waiting: z.number().int(),
  })
  .openapi('FraudReviewList');

const VelocityWindow = z.object({
  orders: z.number().int(),
  amountMinor: z.number().int(),
  distinctCards: z.number().int(),
  failedAttempts: z.number().int(),
});
const VelocityCounters = z.object({ h1: VelocityWindow, h24: VelocityWindow, d7: VelocityWindow });

/** The order as Shopify sent it (the fields the signals read; others pass through). */
const ReviewOrder = z
  .object({
    id: z.union([z.number(), z.string()]),
    name: z.string().optional(),
    created_at: z.string(),
    email: z.string().nullish(),
    total_price: z.string(),
    currency: z.string(),
    billing_address: z.record(z.string(), z.unknown()).nullish(),
    shipping_address: z.record(z.string(), z.unknown()).nullish(),
    line_items: z.array(
      z
        .object({
          sku: z.string().nullish(),
          title: z.string().nullish(),
          quantity: z.number().int(),
          price: z.string(),
          gift_card: z.boolean().optional(),
        })
        .loose(),
    ),
  })
  .loose();

export const FraudReviewDetail = z
  .object({
    review: FraudReview,
    order: ReviewOrder.nullable(),
    ipAddress: z.string().nullable(),
    /** ISO 3166 country of the IP, located offline; null when unknown. */
    ipCountry: z.string().nullable(),
    /** PayTrace's AVS and CSC answers and the masked card (never more than the last four). */
    paymentCheck: z
      .object({
        avsResponse: z.string().nullable(),
        cscResponse: z.string().nullable(),
        maskedCard: z.string().nullable(),
      })
      .nullable(),
    /** What Paybridge's own history said when the order was scored. */
    history: z
      .object({
        velocity: z.object({
          email: VelocityCounters,
          ip: VelocityCounters,
          card: VelocityCounters,
          shippingAddress: VelocityCounters,
          device: VelocityCounters,
        }),
        customer: z.object({
          firstSeenAt: z.string().nullable(),
          priorOrders: z.number().int(),
          priorRefunds: z.number().int(),
          priorChargebacks: z.number().int(),
          amountP90Minor: z.number().int().nullable(),
          knownShippingAddresses: z.number().int(),
          shippingAddressSeenBefore: z.boolean(),
        }),
        emailFirstSeenAt: z.string().nullable(),
        storeMedianAmountMinor: z.number().int().nullable(),
      })
      .nullable(),
    /** Every signal's value as the model saw it. */
    features: z.record(z.string(), z.number()).nullable(),
    modelVersion: z.string().nullable(),
    /** The customer's earlier orders, newest first (50 at most). */
    customerAttempts: z.array(
      z.object({
        orderId: z.string(),
        createdAt: z.string(),
        amount: Money,
        approved: z.boolean(),
        refunded: z.boolean(),
        chargebackAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('FraudReviewDetail');

export const FraudDecisionInput = z
  .object({ note: z.string().trim().max(1000).optional() })
  .openapi('FraudDecisionInput');

const ListQuery = z.object({
  status: z
    .union([FraudReviewStatus, z.array(FraudReviewStatus)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  /** `true`: only reviews the timeout decided; `false`: only reviews a person decided or waiting. */
  timedOut: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const AtThreshold = z.object({
  precision: z.number(),
  recall: z.number(),
  flagged: z.number().int(),
});

/** A model's figures on the held-out (most recent) labelled orders. */
export const FraudModelFigures = z
  .object({
    rocAuc: z.number(),
    /** Average precision on the 0-99 scores shown: what decides a switch. */
    averagePrecision: z.number(),
    review: AtThreshold,
    block: AtThreshold,
    precisionTop1Percent: z.number(),
  })
  .openapi('FraudModelFigures');

export const FraudModelVersion = z
  .object({
    version: z.string(),
    /** The model shipped with Paybridge; scores when no retrained version is active. */
    shipped: z.boolean(),
    active: z.boolean(),
    figures: z
      .object({
        candidate: FraudModelFigures,
        live: FraudModelFigures,
        /** The model it was compared with and replaced. */
        liveVersion: z.string(),
      })
      .nullable(),
    createdAt: z.string().nullable(),
    activatedAt: z.string().nullable(),
    activatedBy: z.string().nullable(),
  })
  .openapi('FraudModelVersion');

export const FraudModelList = z
  .object({ models: z.array(FraudModelVersion) })
  .openapi('FraudModelList');

const LabelCounts = z.object({ fraud: z.number().int(), legitimate: z.number().int() });

/** How many labels each source gave (chargebacks, review decisions, dispute windows passed). */
const LabelSourceCounts = z.array(
  z.object({
    source: z.enum(LABEL_SOURCES),
    label: z.enum(['fraud', 'legitimate']),
    count: z.number().int(),
  }),
);

export const FraudTrainResult = z
  .discriminatedUnion('outcome', [
    z.object({
      outcome: z.literal('refused'),
      /** Why, in words (e.g. too few labels, with the counts needed). */
      reason: z.string(),
      labels: LabelCounts,
      labelSources: LabelSourceCounts,
      timeZone: z.string(),
      live: z.string(),
    }),
    z.object({
      /** switched: the candidate was better and now scores; kept: the live model stays. */
      outcome: z.enum(['switched', 'kept']),
      candidate: z.string(),
      live: z.string(),
      figures: z.object({ candidate: FraudModelFigures, live: FraudModelFigures }),
      labelSources: LabelSourceCounts,
      /** The store's time zone: features are computed in it, `before` and `from` written in it. */
      timeZone: z.string(),
      trainedOn: LabelCounts.extend({ before: z.string() }),
      heldOut: LabelCounts.extend({ from: z.string() }),
    }),
  ])
  .openapi('FraudTrainResult');

export const FraudTrainInput = z
  .object({
    /**
     * The store's IANA time zone; by default the one the live flows' Fraud score steps use (else
     * PAYBRIDGE_LEDGER_TIME_ZONE).
     */
    storeTimeZone: z
      .string()
      .refine(isTimeZone, 'unknown time zone; use an IANA name such as America/New_York')
      .optional(),
    /** Days after capture without a chargeback that make an order a legitimate label. */
    disputeWindowDays: z.number().int().min(1).max(730).default(DISPUTE_WINDOW_DAYS),
  })
  .openapi('FraudTrainInput');

const VersionParam = z.object({ version: z.string().min(1).max(200) });

/** A refused switch as the API answers it. */
function modelError(err: unknown): never {
  if (err instanceof ModelVersionError)
    throw new ApiError(
      err.code === 'NOT_FOUND' ? 404 : err.code === 'CONFLICT' ? 409 : 422,
      err.code,
      err.message,
    );
  throw err;
}

/**
 * The fraud review queue: reviews waiting first, one review with everything behind its score,
 * and the operator's approve / reject, which is audited, becomes a label and resumes the run.
 */
export function fraudRoutes(deps: AppDeps) {
  const decide = (decision: 'approved' | 'rejected') =>
    apiRoute('operator', {
      method: 'post',
      path: `/reviews/{id}/${decision === 'approved' ? 'approve' : 'reject'}`,
      summary:
        decision === 'approved'
          ? 'Approve a held order: its run continues on approved (capture)'
          : 'Reject a held order: its run continues on rejected (void, cancel)',
      request: {
        params: IdParam,
        body: {
          content: { 'application/json': { schema: FraudDecisionInput } },
          required: false,
        },
      },
      responses: {
        200: jsonResponse(FraudReview, 'The decided review'),
        409: jsonResponse(ErrorResponse, 'The review was already decided'),
        ...errorResponses,
      },
    });
  /** Records the decision, audits it; a refused one (decided before) answers 409. */
  const record = async (
    c: Context,
    id: string,
    decision: 'approved' | 'rejected',
    body: z.infer<typeof FraudDecisionInput> | undefined,
  ) => {
    const note = body?.note ? body.note : null;
    try {
      const review = await decideReview(deps.sql, id, decision, actorOf(c).label, note);
      await deps.audit.record(c, {
        action: decision === 'approved' ? 'fraud-review.approve' : 'fraud-review.reject',
        targetType: 'fraud-review',
        targetId: id,
        details: { orderId: review.orderId, score: review.score, note },
      });
      return review;
    } catch (err) {
      if (!(err instanceof ReviewDecisionError)) throw err;
      throw new ApiError(err.code === 'NOT_FOUND' ? 404 : 409, err.code, err.message);
    }
  };
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/reviews',
        summary: 'Fraud reviews, waiting ones first',
        request: { query: ListQuery },
        responses: { 200: jsonResponse(FraudReviewList, 'Reviews'), ...errorResponses },
      }),
      async (c) => c.json(await listReviews(deps.sql, c.req.valid('query')), 200),
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/reviews/{id}',
        summary: 'One fraud review with the order, its signals and the customer’s history',
        request: { params: IdParam },
        responses: { 200: jsonResponse(FraudReviewDetail, 'The review'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const found = await reviewDetail(deps.sql, id);
        if (!found) throw new ApiError(404, 'NOT_FOUND', `No fraud review ${id}`);
        return c.json(FraudReviewDetail.parse(found), 200);
      },
    )
    .openapi(decide('approved'), async (c) => {
      const review = await record(c, c.req.valid('param').id, 'approved', c.req.valid('json'));
      return c.json(review, 200);
    })
    .openapi(decide('rejected'), async (c) => {
      const review = await record(c, c.req.valid('param').id, 'rejected', c.req.valid('json'));
      return c.json(review, 200);
    })
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/models',
        summary: 'Fraud model versions: the shipped one and those retrained, which one scores',
        responses: { 200: jsonResponse(FraudModelList, 'Versions'), ...errorResponses },
      }),
      async (c) => c.json({ models: await listModels(deps.sql) }, 200),
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/models/train',
        summary:
          'Retrain on the labelled scores; switch only when better on the held-out recent period',
        request: {
          body: { content: { 'application/json': { schema: FraudTrainInput } }, required: false },
        },
        responses: {
          200: jsonResponse(FraudTrainResult, 'Both figures and whether it switched'),
          409: jsonResponse(ErrorResponse, 'The active model changed meanwhile'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const body = c.req.valid('json') as z.infer<typeof FraudTrainInput> | undefined;
        const result = await trainModel(deps.sql, {
          by: actorOf(c).label,
          storeTimeZone:
            body?.storeTimeZone ??
            (await merchantTimeZone(deps.sql, deps.env.PAYBRIDGE_LEDGER_TIME_ZONE)),
          disputeWindowDays: body?.disputeWindowDays,
        }).catch(modelError);
        await deps.audit.record(c, {
          action: 'fraud-model.train',
          targetType: 'fraud-model',
          targetId: result.outcome === 'refused' ? result.live : result.candidate,
          details:
            result.outcome === 'refused'
              ? {
                  outcome: result.outcome,
                  reason: result.reason,
                  labels: result.labels,
                  labelSources: result.labelSources,
                }
              : {
                  outcome: result.outcome,
                  live: result.live,
                  labelSources: result.labelSources,
                  averagePrecision: {
                    candidate: result.figures.candidate.averagePrecision,
                    live: result.figures.live.averagePrecision,
                  },
                },
        });
        return c.json(result, 200);
      },
    )
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/models/{version}/activate',
        summary: 'Make a fraud model version the one that scores (`shipped`: the shipped model)',
        request: { params: VersionParam },
        responses: {
          200: jsonResponse(FraudModelVersion, 'The active version'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { version } = c.req.valid('param');
        const active = await activateModel(deps.sql, version, actorOf(c).label).catch(modelError);
        await deps.audit.record(c, {
          action: 'fraud-model.activate',
          targetType: 'fraud-model',
          targetId: active.version,
          details: { requested: version },
        });
        return c.json(active, 200);
      },
    );
}
