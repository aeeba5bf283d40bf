/**
 * Chargeback ratio lines a merchant must stay under, as data for the Disputes page's chart.
 * Visa's VAMP (Visa Acquirer Monitoring Program) counts disputes against settled card
 * transactions; from April 2026 a merchant is "excessive" at 1.5 %. Acquirers warn earlier,
 * typically between 0.5 % and 0.7 %. Browser-safe data: the runtime answers these lines in
 * `GET /api/disputes/ratio`, and the editor's tests draw the same ones.
 *
 * @module
 */

/** One line on the ratio chart; `ratio` is a fraction (0.015 = 1.5 %). */
export interface ChargebackThreshold {
  id: string;
  label: string;
  ratio: number;
  kind: 'scheme' | 'acquirer';
  /** First month the line applies (YYYY-MM), or null when always. */
  from: string | null;
}

/** The lines, scheme first; the runtime answers them in this order. */
export const CHARGEBACK_THRESHOLDS: readonly ChargebackThreshold[] = [
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
