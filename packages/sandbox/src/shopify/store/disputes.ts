/**
 * Shopify Payments disputes (chargebacks and inquiries) from the admin API, so connectors can be
 * shown `disputes/create` and `disputes/update`. The figures follow the REST Dispute resource.
 * @module
 */
import type { ShopContext } from '../context.js';
import { wholeSeconds } from '../core/time.js';
import { InputError, moneyAt, stringAt, throwIfAny, type Json } from './input.js';
import { orderTotals } from './order-math.js';
import type { DisputeStatus, SimDispute, SimOrder } from './records.js';

const STATUSES: DisputeStatus[] = [
  'needs_response',
  'under_review',
  'charge_refunded',
  'accepted',
  'won',
  'lost',
];
const FINAL: DisputeStatus[] = ['charge_refunded', 'accepted', 'won', 'lost'];
const DAY = 86_400_000;

function readStatus(input: Json, fallback: DisputeStatus): DisputeStatus {
  const status = stringAt(input, 'status') ?? fallback;
  if (!(STATUSES as string[]).includes(status)) throw InputError.of('status', 'is invalid');
  return status as DisputeStatus;
}

/**
 * Opens a dispute on an order. Input: `type` (`chargeback` default, `inquiry`), `amount` (default
 * the order total), `reason` (default `fraudulent`), `network_reason_code`, `status`
 * (`needs_response` default). Evidence is due in 7 days (simulator choice).
 */
export function createDispute(sim: ShopContext, order: SimOrder, input: Json): SimDispute {
  const errors: Record<string, string[]> = {};
  const amount = moneyAt(input, 'amount', order.currency, errors);
  const type = stringAt(input, 'type') ?? 'chargeback';
  if (type !== 'chargeback' && type !== 'inquiry') errors.type = ['is invalid'];
  throwIfAny(errors);
  const now = wholeSeconds(sim.now());
  const status = readStatus(input, 'needs_response');
  const dispute: SimDispute = {
    resource: 'ShopifyPaymentsDispute',
    id: sim.state.ids.take(),
    orderId: order.id,
    type: type as SimDispute['type'],
    amountMinor: amount ?? orderTotals(order).total,
    currency: order.currency,
    reason: stringAt(input, 'reason') ?? 'fraudulent',
    networkReasonCode: stringAt(input, 'network_reason_code') ?? '4837',
    status,
    evidenceDueBy: now + 7 * DAY,
    evidenceSentOn: null,
    finalizedOn: FINAL.includes(status) ? now : null,
    initiatedAt: now,
    updatedAt: now,
  };
  sim.state.disputes.set(dispute.id, dispute);
  order.disputeIds.push(dispute.id);
  sim.events.emit('disputes/create', dispute.id);
  return dispute;
}

/** Moves a dispute to another status (`evidence_sent: true` records evidence): `disputes/update`. */
export function updateDispute(sim: ShopContext, dispute: SimDispute, input: Json): SimDispute {
  const now = wholeSeconds(sim.now());
  dispute.status = readStatus(input, dispute.status);
  if (input.evidence_sent === true) dispute.evidenceSentOn = now;
  if (FINAL.includes(dispute.status)) dispute.finalizedOn ??= now;
  dispute.updatedAt = now;
  sim.events.emit('disputes/update', dispute.id);
  return dispute;
}
