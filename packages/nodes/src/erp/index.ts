/**
 * `@paybridge/nodes/erp`: the ERP adapter interface and its boundary (`boundary.ts`, where every
 * document is validated once), its documents, and the accounting rules (`rules/`: chart of
 * accounts, totals, posting rules) the built-in ledger and QuickBooks both apply. Browser-safe
 * and free of I/O, so the runtime's built-in ledger, the QuickBooks adapter and the editor share
 * one definition of what a valid document is and what it posts.
 *
 * @module
 */
export * from './currencies';
export * from './money';
export * from './documents';
export * from './records';
export * from './errors';
export * from './rules/accounts';
export * from './boundary';
export * from './rules/totals';
export * from './rules/posting-rules';
export * from './booking-dates';
export * from './document-number';
export { isTimeZone, calendarDateIn, instantToIso } from '../time-zones';
export type { ErpAdapter } from './adapter';
export type { QuickbooksTokenStore, QuickbooksTokens } from './quickbooks/token-store';
