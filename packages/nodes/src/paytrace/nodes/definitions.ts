/**
 * The PayTrace node definitions, browser-safe, in palette order.
 *
 * @module
 */
import { paytraceAuthorizeNode } from './authorize/definition';
import { paytraceBatchTransactionsNode } from './batch-transactions/definition';
import { paytraceBatchesExportNode } from './batches-export/definition';
import { paytraceCaptureNode } from './capture/definition';
import { paytraceRefundNode } from './refund/definition';
import { paytraceSaleNode } from './sale/definition';
import { paytraceTransactionsExportNode } from './transactions-export/definition';
import { paytraceVaultDeleteNode } from './vault-delete/definition';
import { paytraceVaultUpsertNode } from './vault-upsert/definition';
import { paytraceVoidNode } from './void/definition';

export { paytraceSaleNode } from './sale/definition';
export { paytraceAuthorizeNode } from './authorize/definition';
export { paytraceCaptureNode, type PaytraceCaptureConfig } from './capture/definition';
export { paytraceVoidNode, type PaytraceVoidConfig } from './void/definition';
export { paytraceRefundNode, type PaytraceRefundConfig } from './refund/definition';
export {
  paytraceVaultUpsertNode,
  VaultCardSource,
  VaultUpsertOutput,
  type PaytraceVaultUpsertConfig,
} from './vault-upsert/definition';
export {
  paytraceVaultDeleteNode,
  VaultDeleteOutput,
  type PaytraceVaultDeleteConfig,
} from './vault-delete/definition';
export {
  paytraceTransactionsExportNode,
  TransactionsExportOutput,
  TransactionsQuery,
  type PaytraceTransactionsExportConfig,
} from './transactions-export/definition';
export {
  paytraceBatchesExportNode,
  BatchesExportOutput,
  BatchesQuery,
  type PaytraceBatchesExportConfig,
} from './batches-export/definition';
export {
  paytraceBatchTransactionsNode,
  BatchTransactionsOutput,
  type PaytraceBatchTransactionsConfig,
} from './batch-transactions/definition';
export { ChargeSource, type ChargeConfig } from './shared/charge-config';
export {
  ApprovedPayment,
  BatchRecord,
  DeclinedPayment,
  MoneyValue,
  PaymentOutcome,
  PaymentOutput,
  TransactionRecord,
} from './shared/outputs';
import { paytracePayLinkNode } from './pay-link/definition';
import { paytraceAwaitPaymentNode } from './await-payment/definition';

export {
  paytracePayLinkNode,
  PayLinkOutput,
  type PaytracePayLinkConfig,
} from './pay-link/definition';
export {
  paytraceAwaitPaymentNode,
  AwaitPaymentOutput,
  type PaytraceAwaitPaymentConfig,
} from './await-payment/definition';

/** Every PayTrace node type, in palette order. */
export const paytraceNodes = [
  paytraceSaleNode,
  paytraceAuthorizeNode,
  paytraceCaptureNode,
  paytraceVoidNode,
  paytraceRefundNode,
  paytraceVaultUpsertNode,
  paytraceVaultDeleteNode,
  paytraceTransactionsExportNode,
  paytraceBatchesExportNode,
  paytraceBatchTransactionsNode,
  paytracePayLinkNode,
  paytraceAwaitPaymentNode,
] as const;
