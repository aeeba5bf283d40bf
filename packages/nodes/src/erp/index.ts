/**
 * `@paybridge/nodes/erp`: the ERP adapter interface, its documents and the pure money and
 * posting rules. Browser-safe and free of I/O, so the runtime's built-in ledger, the QuickBooks
 * adapter and the editor share one definition of what a valid document is.
 *
 * @module
 */
export * from './currencies';
export * from './money';
export * from './documents';
export * from './records';
export * from './errors';
export * from './accounts';
export * from './boundary';
export * from './totals';
export * from './posting-rules';
export * from './booking-dates';
export { isTimeZone, calendarDateIn } from '../time-zones';
export type { ErpAdapter } from './adapter';
export type { QuickbooksTokenStore, QuickbooksTokens } from './quickbooks/token-store';
