/**
 * Mutations that record payments on an order: mark it paid in full, record a manual payment of an
 * amount, void an authorization, record a refund. Each answers with the order's new payment state
 * so the caller needs no second read.
 *
 * @module
 */
import { z } from 'zod';
import { defineMutation } from '../client/operation';
import {
  Gid,
  MONEY_BAG,
  TRANSACTION,
  WireCodedUserError,
  WireMoneyBag,
  WireTransaction,
  WireUserError,
} from './wire';

const ORDER_AFTER = `id displayFinancialStatus canMarkAsPaid fullyPaid
  totalOutstandingSet { ${MONEY_BAG} } totalReceivedSet { ${MONEY_BAG} }`;

const WireOrderAfter = z.object({
  id: Gid,
  displayFinancialStatus: z.string().nullable(),
  canMarkAsPaid: z.boolean(),
  fullyPaid: z.boolean(),
  totalOutstandingSet: WireMoneyBag,
  totalReceivedSet: WireMoneyBag,
});
export type WireOrderAfter = z.infer<typeof WireOrderAfter>;

/** Records a sale for the whole outstanding amount (or captures the open authorization). */
export const orderMarkAsPaid = defineMutation({
  name: 'OrderMarkAsPaid',
  document: `mutation OrderMarkAsPaid($input: OrderMarkAsPaidInput!) {
  orderMarkAsPaid(input: $input) { order { ${ORDER_AFTER} } userErrors { field message } }
}`,
  variables: z.object({ input: z.object({ id: Gid }) }),
  data: z.object({
    orderMarkAsPaid: z.object({
      order: WireOrderAfter.nullable(),
      userErrors: z.array(WireUserError),
    }),
  }),
  userErrors: (data) => data.orderMarkAsPaid.userErrors,
});

/** Records a manual (offline) payment of an amount. */
export const orderCreateManualPayment = defineMutation({
  name: 'OrderCreateManualPayment',
  document: `mutation OrderCreateManualPayment($id: ID!, $amount: MoneyInput, $paymentMethodName: String) {
  orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $paymentMethodName) {
    order { ${ORDER_AFTER} }
    userErrors { field message code }
  }
}`,
  variables: z.object({
    id: Gid,
    amount: z.object({ amount: z.string().regex(/^\d+(\.\d+)?$/), currencyCode: z.string() }),
    paymentMethodName: z.string().min(1).max(255),
  }),
  data: z.object({
    orderCreateManualPayment: z.object({
      order: WireOrderAfter.nullable(),
      userErrors: z.array(WireCodedUserError),
    }),
  }),
  userErrors: (data) => data.orderCreateManualPayment.userErrors,
});

/** Voids an open authorization. */
export const transactionVoid = defineMutation({
  name: 'TransactionVoid',
  document: `mutation TransactionVoid($parentTransactionId: ID!) {
  transactionVoid(parentTransactionId: $parentTransactionId) {
    transaction { ${TRANSACTION} }
    userErrors { field message code }
  }
}`,
  variables: z.object({ parentTransactionId: Gid }),
  data: z.object({
    transactionVoid: z.object({
      transaction: WireTransaction.nullable(),
      userErrors: z.array(WireCodedUserError),
    }),
  }),
  userErrors: (data) => data.transactionVoid.userErrors,
});

/** Records a refund of money taken through `parentId`'s gateway (no line items, no restock). */
export const refundCreate = defineMutation({
  name: 'RefundCreate',
  document: `mutation RefundCreate($input: RefundInput!) {
  refundCreate(input: $input) {
    refund { id legacyResourceId totalRefundedSet { ${MONEY_BAG} } }
    order { ${ORDER_AFTER} }
    userErrors { field message }
  }
}`,
  variables: z.object({
    input: z.object({
      orderId: Gid,
      note: z.string().max(5000).optional(),
      notify: z.boolean(),
      transactions: z
        .array(
          z.object({
            orderId: Gid,
            parentId: Gid,
            amount: z.string().regex(/^\d+(\.\d+)?$/),
            gateway: z.string().min(1),
            kind: z.literal('REFUND'),
          }),
        )
        .min(1),
    }),
  }),
  data: z.object({
    refundCreate: z.object({
      refund: z
        .object({ id: Gid, legacyResourceId: z.string(), totalRefundedSet: WireMoneyBag })
        .nullable(),
      order: WireOrderAfter.nullable(),
      userErrors: z.array(WireUserError),
    }),
  }),
  userErrors: (data) => data.refundCreate.userErrors,
});
