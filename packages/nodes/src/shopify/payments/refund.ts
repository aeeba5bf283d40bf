/**
 * Recording money PayTrace paid back (or a voided payment) as a Shopify refund, exactly once:
 * `refundCreate` with one REFUND transaction against the payment, no line items, no restock, no
 * customer notification. Two refunds would show twice the money returned, so a lost answer is
 * looked up (a new successful refund of that amount since the baseline) and the refund is only
 * sent again after the unknown-outcome wait.
 *
 * @module
 */
import type { ShopifyClient } from '../client/graphql-client';
import { refundCreate, transactionVoid } from '../graphql/payment-mutations';
import type { WirePaymentState } from '../graphql/orders';
import { fromShopifyMoney, toShopifyDecimal, type Money } from '../money';
import { toTransaction } from '../records';
import type { ShopifyEffect } from './write-effect';
import { fingerprint } from '../../effects/fingerprint';
import { openAuthorization, readPaymentFacts } from './order-facts';
import { ReversalResult } from './payment-result';

function store(client: ShopifyClient): string {
  return `${client.settings.baseUrl}|${client.settings.shopDomain}`;
}

function refundsOf(state: WirePaymentState, amount: Money) {
  return state.transactions
    .map(toTransaction)
    .filter(
      (t) => t.kind === 'REFUND' && t.status === 'SUCCESS' && t.amount.minor === amount.minor,
    );
}

/** A refund of `amount` against the payment `parentTransactionId`. */
export function refundEffect(
  client: ShopifyClient,
  request: {
    orderId: string;
    amount: Money;
    parentTransactionId: string;
    gateway: string;
    note: string;
  },
  item = 'refund',
): ShopifyEffect<ReversalResult> {
  const { orderId, amount } = request;
  return {
    item,
    fingerprint: fingerprint({
      store: store(client),
      write: {
        kind: 'refund',
        orderId,
        amount,
        parent: request.parentTransactionId,
      },
    }),
    result: ReversalResult,
    couldLandTwice: true,
    wrote: (result) => !result.alreadyApplied,
    async prepare() {
      const state = await readPaymentFacts(client, orderId);
      const net =
        fromShopifyMoney(state.totalReceivedSet.shopMoney).minor -
        fromShopifyMoney(state.totalRefundedSet.shopMoney).minor;
      if (net <= 0) {
        return {
          done: {
            kind: 'refund',
            alreadyApplied: true,
            amount: null,
            financialStatus: state.displayFinancialStatus,
          },
        };
      }
      return {
        baseline: `refunds:${refundsOf(state, amount).length}`,
        async send() {
          const answer = await client.run(refundCreate, {
            input: {
              orderId,
              note: request.note,
              notify: false,
              transactions: [
                {
                  orderId,
                  parentId: request.parentTransactionId,
                  amount: toShopifyDecimal(amount),
                  gateway: request.gateway,
                  kind: 'REFUND',
                },
              ],
            },
          });
          return {
            kind: 'refund',
            alreadyApplied: false,
            amount,
            financialStatus: answer.refundCreate.order?.displayFinancialStatus ?? null,
          };
        },
      };
    },
    async lookup(baseline) {
      const before = Number(/^refunds:(\d+)$/.exec(baseline)?.[1] ?? NaN);
      const state = await readPaymentFacts(client, orderId);
      if (!(refundsOf(state, amount).length > before)) return undefined;
      return {
        kind: 'refund',
        alreadyApplied: false,
        amount,
        financialStatus: state.displayFinancialStatus,
      };
    },
  };
}

/** Voiding the order's open authorization `transactionId`. Voiding twice is refused, never doubled. */
export function voidEffect(
  client: ShopifyClient,
  request: { orderId: string; transactionId: string },
  item = 'void',
): ShopifyEffect<ReversalResult> {
  const { orderId, transactionId } = request;
  const voided = async (): Promise<ReversalResult | undefined> => {
    const state = await readPaymentFacts(client, orderId);
    if (openAuthorization(state) === transactionId) return undefined;
    return {
      kind: 'void',
      alreadyApplied: false,
      amount: null,
      financialStatus: state.displayFinancialStatus,
    };
  };
  return {
    item,
    fingerprint: fingerprint({
      store: store(client),
      write: { kind: 'void', orderId, transactionId },
    }),
    result: ReversalResult,
    couldLandTwice: false,
    wrote: (result) => !result.alreadyApplied,
    async prepare() {
      const done = await voided();
      if (done) return { done: { ...done, alreadyApplied: true } };
      return {
        baseline: 'open',
        async send() {
          const answer = await client.run(transactionVoid, { parentTransactionId: transactionId });
          const amount = answer.transactionVoid.transaction?.amountSet.shopMoney;
          const state = await readPaymentFacts(client, orderId);
          return {
            kind: 'void',
            alreadyApplied: false,
            amount: amount ? fromShopifyMoney(amount) : null,
            financialStatus: state.displayFinancialStatus,
          };
        },
      };
    },
    lookup: () => voided(),
  };
}
