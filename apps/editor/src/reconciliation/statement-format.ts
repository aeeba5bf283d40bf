/**
 * Which bank statement format a file is, guessed from its name for the upload form's default
 * (the person can still pick another before sending).
 *
 * @module
 */

/** The statement formats the runtime reads. */
export const STATEMENT_FORMATS = [
  { value: 'csv', label: 'CSV' },
  { value: 'ofx', label: 'OFX' },
  { value: 'camt053', label: 'camt.053 (ISO 20022 XML)' },
] as const;

export type StatementFormat = (typeof STATEMENT_FORMATS)[number]['value'];

/** The format a file name suggests, or null when the name says nothing. */
export function statementFormatOf(filename: string): StatementFormat | null {
  const name = filename.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.ofx') || name.endsWith('.qfx')) return 'ofx';
  if (name.endsWith('.xml') || /camt[._-]?053/.test(name) || name.endsWith('.053')) {
    return 'camt053';
  }
  return null;
}
