/**
 * The REST Dispute resource, the body of `disputes/create` and `disputes/update` (that the body
 * equals the REST resource exactly is UNCONFIRMED, but consistent with every other topic).
 * @module
 */
import type { ShopContext } from '../context.js';
import { rawInt, rawIntOrNull } from '../core/raw-json.js';
import type { SimDispute } from '../store/records.js';
import { amount, at } from './rest-format.js';

/** A dispute as REST writes it. */
export function restDispute(sim: ShopContext, dispute: SimDispute) {
  return {
    id: rawInt(dispute.id),
    order_id: rawIntOrNull(dispute.orderId),
    type: dispute.type,
    amount: amount(dispute.amountMinor, dispute.currency),
    currency: dispute.currency,
    reason: dispute.reason,
    network_reason_code: dispute.networkReasonCode,
    status: dispute.status,
    evidence_due_by: at(sim, dispute.evidenceDueBy),
    evidence_sent_on: at(sim, dispute.evidenceSentOn),
    finalized_on: at(sim, dispute.finalizedOn),
    initiated_at: at(sim, dispute.initiatedAt),
  };
}
