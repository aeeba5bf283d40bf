import type { RatioMonth, RatioThreshold } from './disputes-api';

/** The lines as the runtime answers them (`GET /api/disputes/ratio`). */
export const THRESHOLDS: RatioThreshold[] = [
  {
    id: 'visa-vamp',
    label: 'Visa VAMP excessive (1.5%)',
    ratio: 0.015,
    kind: 'scheme',
    from: '2026-04',
  },
  {
    id: 'acquirer-early-warning-low',
    label: 'Acquirer early warning (0.5%)',
    ratio: 0.005,
    kind: 'acquirer',
    from: null,
  },
  {
    id: 'acquirer-early-warning-high',
    label: 'Acquirer early warning (0.7%)',
    ratio: 0.007,
    kind: 'acquirer',
    from: null,
  },
];

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
