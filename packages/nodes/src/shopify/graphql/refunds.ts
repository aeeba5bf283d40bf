/**
 * The refund query: what was refunded, through which transactions, and which line items.
 *
 * @module
 */
import { z } from 'zod';
import { defineQuery } from '../client/operation';
import {
  Gid,
  LegacyId,
  MONEY_BAG,
  nodesOf,
  TRANSACTION,
  WireMoneyBag,
  WireTransaction,
} from './wire';

/** Transactions read per refund (split tender refunds carry several). */
export const REFUND_TRANSACTIONS = 20;
/** Refunded line items read per refund. */
export const REFUND_LINE_ITEMS = 50;

/** A refund as read. */
export const WireRefund = z.object({
  id: Gid,
  legacyResourceId: LegacyId,
  createdAt: z.string().nullable(),
  note: z.string().nullable(),
  order: z.object({ id: Gid, legacyResourceId: LegacyId, name: z.string() }),
  totalRefundedSet: WireMoneyBag,
  transactions: nodesOf(WireTransaction),
  refundLineItems: nodesOf(
    z.object({
      quantity: z.int(),
      restockType: z.string(),
      lineItem: z.object({ id: Gid, sku: z.string().nullable(), title: z.string() }),
      subtotalSet: WireMoneyBag,
    }),
  ),
});
export type WireRefund = z.infer<typeof WireRefund>;

/** One refund. */
export const getRefund = defineQuery({
  name: 'GetRefund',
  document: `query GetRefund($id: ID!) {
  refund(id: $id) {
    id legacyResourceId createdAt note
    order { id legacyResourceId name }
    totalRefundedSet { ${MONEY_BAG} }
    transactions(first: ${REFUND_TRANSACTIONS}) { nodes { ${TRANSACTION} } }
    refundLineItems(first: ${REFUND_LINE_ITEMS}) {
      nodes { quantity restockType lineItem { id sku title } subtotalSet { ${MONEY_BAG} } }
    }
  }
}`,
  variables: z.object({ id: Gid }),
  data: z.object({ refund: WireRefund.nullable() }),
  cost: () => 10 + REFUND_TRANSACTIONS * 5 + REFUND_LINE_ITEMS * 5,
});
