/**
 * Puts the evidence packet together from what the flow read: the case, the Shopify order and
 * the customer's other orders, and the PayTrace transaction. Pure, so the packet a test sees is
 * the packet a processor gets. Card numbers never go beyond their last four digits.
 *
 * @module
 */
import { fromDecimal } from '../../erp/money';
import type { DisputeNotice } from '../notice';
import type { EvidencePacket } from '../packet';
import type { WireAddress, WireEvidenceOrder } from './shopify-evidence';
import type { z } from 'zod';
import type { WirePriorOrder } from './shopify-evidence';
import type { WireMoneyBag } from '../../shopify/graphql/wire';

/** The PayTrace transaction fields the packet shows (a `paytrace.transactions-export` record). */
export interface PacketTransaction {
  transactionId?: string | null;
  type?: string | null;
  amount?: { minor: number; currency: string } | null;
  approvalCode?: string | null;
  avsResponse?: string | null;
  cscResponse?: string | null;
  cardLastFour?: string | null;
  createdAt?: string | null;
  description?: string | null;
}

const money = (bag: WireMoneyBag) => ({
  amount: fromDecimal(bag.shopMoney.amount, bag.shopMoney.currencyCode),
  currency: bag.shopMoney.currencyCode,
});

/** The last four digits of whatever a channel gave, or null: never more of a card number. */
export function lastFour(value: string | null | undefined): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

function address(a: WireAddress) {
  if (!a) return null;
  const cityLine = [a.city, a.province, a.zip].filter(Boolean).join(' ');
  return {
    name: a.name,
    lines: [a.address1, a.address2, cityLine].filter((l): l is string => !!l),
    country: a.country,
  };
}

const blank = (v: string | null | undefined) => (v && v.trim() !== '' ? v : null);

/** The packet, as JSON; the PDF is drawn from exactly this. */
export function assemblePacket(input: {
  notice: DisputeNotice;
  order: WireEvidenceOrder | null;
  priorOrders: z.infer<typeof WirePriorOrder>[];
  transaction: PacketTransaction | null;
  notes: string[];
  now: Date;
}): EvidencePacket {
  const { notice, order, transaction } = input;
  const customer = order?.customer ?? null;
  const name = [customer?.firstName, customer?.lastName].filter(Boolean).join(' ');
  const notes = [
    ...(blank(order?.note) ? [`Order note: ${order!.note}`] : []),
    ...(blank(customer?.note) ? [`Customer note: ${customer!.note}`] : []),
    ...input.notes,
  ];
  return {
    caseNumber: notice.caseNumber,
    processor: notice.processor,
    reasonCode: notice.reasonCode,
    reason: notice.reason,
    disputed: { amount: notice.amount, currency: notice.currency },
    evidenceDueBy: notice.evidenceDueBy,
    order: order && {
      id: order.legacyResourceId,
      name: order.name,
      createdAt: order.createdAt,
      financialStatus: order.displayFinancialStatus,
      total: money(order.totalPriceSet),
      lineItems: order.lineItems.nodes.map((l) => ({
        title: l.title,
        sku: l.sku,
        quantity: l.quantity,
        price: money(l.originalUnitPriceSet),
      })),
    },
    customer: order && {
      name: name || null,
      email: customer?.email ?? order.email,
      phone: order.phone,
      ordersCount: customer ? Number(customer.numberOfOrders) : null,
    },
    billingAddress: address(order?.billingAddress ?? null),
    shippingAddress: address(order?.shippingAddress ?? null),
    payment:
      transaction || order?.clientIp || notice.cardLast4
        ? {
            transactionId: transaction?.transactionId ?? notice.transactionId,
            cardType: null,
            cardLast4: lastFour(transaction?.cardLastFour) ?? notice.cardLast4,
            avsResponse: blank(transaction?.avsResponse),
            cscResponse: blank(transaction?.cscResponse),
            approvalCode: blank(transaction?.approvalCode),
            ip: order?.clientIp ?? null,
            createdAt: transaction?.createdAt ?? null,
            amount: transaction?.amount
              ? { amount: transaction.amount.minor, currency: transaction.amount.currency }
              : null,
          }
        : null,
    fulfillments: (order?.fulfillments ?? []).map((f) => ({
      status: f.status,
      createdAt: f.createdAt,
      carrier: f.trackingInfo.find((t) => t.company)?.company ?? null,
      trackingNumbers: f.trackingInfo.flatMap((t) => (t.number ? [t.number] : [])),
      trackingUrls: f.trackingInfo.flatMap((t) => (t.url ? [t.url] : [])),
    })),
    refunds: (order?.refunds ?? []).map((r) => ({
      id: r.id.split('/').pop()!,
      createdAt: r.createdAt,
      amount: money(r.totalRefundedSet),
      note: r.note,
    })),
    priorOrders: input.priorOrders
      .filter((o) => o.legacyResourceId !== order?.legacyResourceId)
      .map((o) => ({
        id: o.legacyResourceId,
        name: o.name,
        createdAt: o.createdAt,
        total: money(o.totalPriceSet),
        financialStatus: o.displayFinancialStatus,
      })),
    notes,
    generatedAt: input.now.toISOString(),
  };
}
