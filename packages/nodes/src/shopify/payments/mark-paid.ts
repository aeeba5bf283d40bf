/**
 * Recording a payment on an order exactly once: in full with `orderMarkAsPaid` (Shopify records
 * a sale for whatever is outstanding, or captures the open authorization), or an amount with
 * `orderCreateManualPayment`. The order is read first, so an order with nothing outstanding is a
 * success flagged `alreadyPaid`, never an error, and a refusal names Shopify's reason.
 *
 * @module
 */
import { BusinessError, PermanentError } from '@paybridge/engine';
import type { ShopifyClient } from '../client/graphql-client';
import { getOrderPaymentState, type WirePaymentState } from '../graphql/orders';
import { orderCreateManualPayment, orderMarkAsPaid } from '../graphql/payment-mutations';
import { fromShopifyMoney, toMoneyInput, toShopifyDecimal, type Money } from '../money';
import { notFound } from '../nodes/shared/node-client';
import { toPaymentState, toTransaction } from '../records';
import type { ShopifyEffect } from './write-effect';
import { fingerprint } from '../../effects/fingerprint';
import { ShopifyPaymentResult } from './payment-result';

/** What to record. */
export interface PaymentRequest {
  readonly orderId: string;
  readonly mode: 'full' | 'amount';
  /** Required for `amount`; in the order's (shop) currency. */
  readonly amount?: Money;
  /** The manual payment method, the transaction's gateway (`amount` mode). */
  readonly paymentMethodName: string;
}

async function readState(client: ShopifyClient, orderId: string): Promise<WirePaymentState> {
  const { order } = await client.run(getOrderPaymentState, { id: orderId });
  if (!order) throw notFound('order', orderId);
  return order;
}

/** Successful payments of the order that this request would have created. */
export function matchingPayments(state: WirePaymentState, request: PaymentRequest) {
  return state.transactions
    .map(toTransaction)
    .filter((t) => t.status === 'SUCCESS' && (t.kind === 'SALE' || t.kind === 'CAPTURE'))
    .filter(
      (t) =>
        request.mode === 'full' ||
        (t.kind === 'SALE' &&
          t.amount.minor === request.amount?.minor &&
          (t.gateway ?? '').toLowerCase() === request.paymentMethodName.toLowerCase()),
    );
}

function base(state: WirePaymentState) {
  return { orderId: state.id, legacyId: state.legacyResourceId, orderName: state.name };
}

function cannotMarkPaid(state: WirePaymentState): BusinessError {
  const why = state.cancelledAt
    ? 'it is cancelled'
    : `its status is ${state.displayFinancialStatus ?? 'unknown'}`;
  return new BusinessError(
    'SHOPIFY_CANNOT_MARK_PAID',
    `Shopify will not mark order ${state.name} as paid: ${why}`,
    { details: { financialStatus: state.displayFinancialStatus, cancelledAt: state.cancelledAt } },
  );
}

/** The effect of recording `request`, for {@link performShopifyWrite}. */
export function markPaidEffect(
  client: ShopifyClient,
  request: PaymentRequest,
  item = '',
): ShopifyEffect<ShopifyPaymentResult> {
  const { orderId } = request;
  const requestFingerprint = fingerprint({
    store: `${client.settings.baseUrl}|${client.settings.shopDomain}`,
    write: {
      kind: 'payment',
      orderId,
      mode: request.mode,
      amount: request.mode === 'amount' ? request.amount : undefined,
      method: request.mode === 'amount' ? request.paymentMethodName : undefined,
    },
  });

  return {
    item,
    fingerprint: requestFingerprint,
    result: ShopifyPaymentResult,
    couldLandTwice: request.mode === 'amount',
    wrote: (result) => result.action !== 'none',

    async prepare() {
      const state = await readState(client, orderId);
      const outstanding = fromShopifyMoney(state.totalOutstandingSet.shopMoney);
      const amount = request.amount;
      if (request.mode === 'amount') {
        if (!amount) throw new PermanentError('SHOPIFY_AMOUNT_MISSING', 'Set the amount to record');
        if (amount.currency !== outstanding.currency) {
          throw new PermanentError(
            'SHOPIFY_CURRENCY_MISMATCH',
            `Order ${state.name} is in ${outstanding.currency}; the amount is in ${amount.currency}`,
          );
        }
      }
      if (outstanding.minor <= 0) {
        const done: ShopifyPaymentResult = {
          ...base(state),
          action: 'none',
          alreadyPaid: true,
          amount: null,
          state: toPaymentState(state),
        };
        return { done };
      }
      if (request.mode === 'full' && !state.canMarkAsPaid) throw cannotMarkPaid(state);
      if (amount && amount.minor > outstanding.minor) {
        throw new BusinessError(
          'SHOPIFY_AMOUNT_EXCEEDS_OUTSTANDING',
          `Order ${state.name} has ${toShopifyDecimal(outstanding)} ${outstanding.currency} ` +
            `outstanding; ${toShopifyDecimal(amount)} is more`,
          { details: { outstanding, amount } },
        );
      }
      const baseline = `payments:${matchingPayments(state, request).length}`;
      return {
        baseline,
        async send(): Promise<ShopifyPaymentResult> {
          if (request.mode === 'full') {
            const answer = await client.run(orderMarkAsPaid, { input: { id: orderId } });
            const after = answer.orderMarkAsPaid.order;
            return {
              ...base(state),
              action: 'marked-paid',
              alreadyPaid: false,
              amount: outstanding,
              state: after
                ? toPaymentState(after)
                : toPaymentState(await readState(client, orderId)),
            };
          }
          const answer = await client.run(orderCreateManualPayment, {
            id: orderId,
            amount: toMoneyInput(amount as Money),
            paymentMethodName: request.paymentMethodName,
          });
          const after = answer.orderCreateManualPayment.order;
          return {
            ...base(state),
            action: 'manual-payment',
            alreadyPaid: false,
            amount: amount as Money,
            state: after ? toPaymentState(after) : toPaymentState(await readState(client, orderId)),
          };
        },
      };
    },

    async lookup(baseline) {
      const before = Number(/^payments:(\d+)$/.exec(baseline)?.[1] ?? NaN);
      const state = await readState(client, orderId);
      const payments = matchingPayments(state, request);
      const landed = Number.isInteger(before) && payments.length > before;
      if (request.mode === 'amount') {
        if (!landed) return undefined;
        return {
          ...base(state),
          action: 'manual-payment',
          alreadyPaid: false,
          amount: request.amount ?? null,
          state: toPaymentState(state),
        };
      }
      const outstanding = fromShopifyMoney(state.totalOutstandingSet.shopMoney);
      if (outstanding.minor > 0) return undefined;
      const newest = landed ? payments.at(-1) : undefined;
      return {
        ...base(state),
        action: landed ? 'marked-paid' : 'none',
        alreadyPaid: !landed,
        amount: newest?.amount ?? null,
        state: toPaymentState(state),
      };
    },
  };
}
