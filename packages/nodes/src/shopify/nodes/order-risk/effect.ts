/**
 * Writing a risk assessment exactly once, on the Shopify write driver: the order's risk is read
 * first (an order already carrying the same level and facts is done), the number of matching
 * assessments is noted as the baseline, and a lost answer is looked up by counting them again.
 *
 * @module
 */
import type { ShopifyClient } from '../../client/graphql-client';
import {
  getOrderRisk,
  MAX_RISK_FACT_LENGTH,
  orderRiskAssessmentCreate,
  type WireOrderRisk,
  type WireRiskAssessment,
} from '../../graphql/order-risk';
import type { ShopifyEffect } from '../../payments/write-effect';
import { fingerprint } from '../../../effects/fingerprint';
import { notFound } from '../shared/node-client';
import { ShopifyOrderRiskWrite, type ShopifyRiskFact } from './definition';

/** What to write. */
export interface RiskRequest {
  readonly orderId: string;
  readonly riskLevel: ShopifyOrderRiskWrite['riskLevel'];
  readonly facts: readonly ShopifyRiskFact[];
}

/** A description as Shopify keeps it: at most 256 characters, a cut one ending in "…". */
export function fitDescription(text: string): string {
  return text.length <= MAX_RISK_FACT_LENGTH
    ? text
    : `${text.slice(0, MAX_RISK_FACT_LENGTH - 1).trimEnd()}…`;
}

async function readRisk(client: ShopifyClient, orderId: string): Promise<WireOrderRisk> {
  const { order } = await client.run(getOrderRisk, { id: orderId });
  if (!order) throw notFound('order', orderId);
  return order;
}

/** The effect of writing `request`, for `performShopifyWrite`. */
export function orderRiskEffect(
  client: ShopifyClient,
  request: RiskRequest,
): ShopifyEffect<ShopifyOrderRiskWrite> {
  const facts = request.facts.map((f) => ({
    description: fitDescription(f.description),
    sentiment: f.sentiment,
  }));
  const same = (a: WireRiskAssessment) =>
    a.provider !== null &&
    a.riskLevel === request.riskLevel &&
    a.facts.length === facts.length &&
    a.facts.every(
      (f, i) => f.description === facts[i]?.description && f.sentiment === facts[i]?.sentiment,
    );
  const matching = (order: WireOrderRisk) => order.risk.assessments.filter(same).length;
  const result = (order: WireOrderRisk, written: boolean): ShopifyOrderRiskWrite => ({
    orderId: order.id,
    legacyId: order.legacyResourceId,
    orderName: order.name,
    riskLevel: request.riskLevel,
    facts,
    written,
    recommendation: order.risk.recommendation,
    assessments: order.risk.assessments.length,
  });

  return {
    item: '',
    // One assessment per order and level: the facts' wording does not make another one.
    fingerprint: fingerprint({
      store: `${client.settings.baseUrl}|${client.settings.shopDomain}`,
      write: { kind: 'risk-assessment', orderId: request.orderId, level: request.riskLevel },
    }),
    result: ShopifyOrderRiskWrite,
    couldLandTwice: true,
    conflictMessage: 'This step already wrote another risk assessment under this reference',
    wrote: (r) => r.written,

    async prepare() {
      const order = await readRisk(client, request.orderId);
      if (matching(order) > 0) return { done: result(order, false) };
      return {
        baseline: `assessments:${matching(order)}`,
        async send() {
          await client.run(orderRiskAssessmentCreate, {
            input: { orderId: request.orderId, riskLevel: request.riskLevel, facts },
          });
          return result(await readRisk(client, request.orderId), true);
        },
      };
    },

    async lookup(baseline) {
      const before = Number(/^assessments:(\d+)$/.exec(baseline)?.[1] ?? NaN);
      const order = await readRisk(client, request.orderId);
      return Number.isInteger(before) && matching(order) > before ? result(order, true) : undefined;
    },
  };
}
