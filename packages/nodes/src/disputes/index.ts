/**
 * Chargeback cases: the notice every intake channel is read into, the report import, the
 * evidence packet's shape and the case store port. Browser-safe.
 *
 * @module
 */
export * from './notice';
export * from './packet';
export * from './report-csv';
export * from './thresholds';
export type * from './cases';
export * from './definitions';
