/**
 * `@paybridge/nodes/erp/server`: the server side of the ERP integration, for the runtime: the
 * QuickBooks Online adapter and OAuth helpers, and the ERP node executors. Not browser-safe.
 *
 * @module
 */
export { createQuickbooksAdapter, type QuickbooksConnectionValues } from './quickbooks/adapter';
export { MINOR_VERSION as QUICKBOOKS_MINOR_VERSION } from './quickbooks/client';
export { quickbooksConnection, QuickbooksEnvironment } from './quickbooks/connection';
export {
  authorizationUrl,
  exchangeCode,
  INTUIT_OAUTH,
  simulatorOAuth,
  type OAuthEndpoints,
} from './quickbooks/oauth';
export { memoryTokenStore } from './quickbooks/token-store';
export { erpExecutorFactories, type ErpRuntimeOptions } from './nodes/executors';
