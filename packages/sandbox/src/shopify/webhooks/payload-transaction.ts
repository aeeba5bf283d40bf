/**
 * The REST Transaction resource, as refunds carry it.
 * @module
 */
import type { ShopContext } from '../context.js';
import { gid } from '../core/ids.js';
import { rawInt, rawIntOrNull } from '../core/raw-json.js';
import type { SimTransaction } from '../store/records.js';
import { amount, at, moneySet } from './rest-format.js';

/** A transaction as REST writes it. */
export function restTransaction(sim: ShopContext, t: SimTransaction) {
  return {
    id: rawInt(t.id),
    admin_graphql_api_id: gid('OrderTransaction', t.id),
    amount: amount(t.amountMinor, t.currency),
    authorization: t.authorizationCode,
    created_at: at(sim, t.createdAt),
    currency: t.currency,
    device_id: null,
    error_code: null,
    gateway: t.gateway,
    kind: t.kind,
    location_id: null,
    message: null,
    order_id: rawInt(t.orderId),
    parent_id: rawIntOrNull(t.parentId),
    payment_id: `r${t.id}`,
    processed_at: at(sim, t.processedAt),
    receipt: {},
    source_name: t.sourceName,
    status: t.status,
    test: t.test,
    total_unsettled_set: moneySet(0, t.currency),
    user_id: null,
    manual_payment_gateway: t.manual,
    amount_rounding: null,
  };
}
