/**
 * The chargeback executor factories, keyed by type, for `executors.ts`. They share the
 * runtime's case store (`disputes` in the runtime options).
 *
 * @module
 */
import type { ShopifyRuntime } from '../shopify/client/runtime';
import type { DisputeCases } from './cases';
import { createDisputeCaseExecutor } from './case/execute';
import { createEvidencePacketExecutor } from './evidence-packet/execute';
import { createDisputeReminderExecutor } from './reminder/execute';
import { disputeReportImportExecutor } from './report-import/execute';

type Options = { disputes?: DisputeCases };

export const disputeExecutorFactories = {
  'dispute.case': (o: Options) => createDisputeCaseExecutor(o.disputes),
  'dispute.evidence-packet': (o: Options, s: { shopify: ShopifyRuntime }) =>
    createEvidencePacketExecutor(s.shopify, o.disputes),
  'dispute.reminder': (o: Options) => createDisputeReminderExecutor(o.disputes),
  'dispute.report-import': () => disputeReportImportExecutor,
};
