/**
 * Reconciliation shapes shared with the runtime and the editor (browser-safe).
 *
 * @module
 */
export * from './discrepancy-kinds';
