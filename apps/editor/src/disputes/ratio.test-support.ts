import { CHARGEBACK_THRESHOLDS } from '@paybridge/nodes/definitions';
import type { RatioMonth, RatioThreshold } from './disputes-api';

/** The lines as the runtime answers them (`GET /api/disputes/ratio`): the runtime's own. */
export const THRESHOLDS: RatioThreshold[] = [...CHARGEBACK_THRESHOLDS];

/** A month as the runtime answers it, `disputes` out of `transactions` settled payments. */
export const ratioMonth = (
  month: string,
  disputes: number,
  transactions = 1000,
  source: RatioMonth['source'] = 'ledger',
): RatioMonth => ({
  month,
  disputes,
  transactions,
  source,
  ratio: transactions > 0 ? disputes / transactions : null,
});
