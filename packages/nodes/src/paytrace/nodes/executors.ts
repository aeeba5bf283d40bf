/**
 * The PayTrace executor factories, keyed by type, for `executors.ts`. Each builds its executor on
 * the lookup's shared PayTrace runtime (pools, token cache, simulator URL).
 *
 * @module
 */
import type { PaytraceRuntime } from '../client/runtime';
import { createAuthorizeExecutor } from './authorize/execute';
import { createBatchTransactionsExecutor } from './batch-transactions/execute';
import { createBatchesExportExecutor } from './batches-export/execute';
import { createCaptureExecutor } from './capture/execute';
import { createRefundExecutor } from './refund/execute';
import { createSaleExecutor } from './sale/execute';
import { createTransactionsExportExecutor } from './transactions-export/execute';
import { createVaultDeleteExecutor } from './vault-delete/execute';
import { createVaultUpsertExecutor } from './vault-upsert/execute';
import { createVoidExecutor } from './void/execute';
import { createPayLinkExecutor } from './pay-link/execute';
import { createAwaitPaymentExecutor } from './await-payment/execute';
import type { PayLinks } from './pay-link/pay-links';

/** What the factories use of the lookup's shared services. */
interface PaytraceServices {
  readonly paytrace: PaytraceRuntime;
}

/** One factory per PayTrace node type. */
export const paytraceExecutorFactories = {
  'paytrace.sale': (_: unknown, s: PaytraceServices) => createSaleExecutor(s.paytrace),
  'paytrace.authorize': (_: unknown, s: PaytraceServices) => createAuthorizeExecutor(s.paytrace),
  'paytrace.capture': (_: unknown, s: PaytraceServices) => createCaptureExecutor(s.paytrace),
  'paytrace.void': (_: unknown, s: PaytraceServices) => createVoidExecutor(s.paytrace),
  'paytrace.refund': (_: unknown, s: PaytraceServices) => createRefundExecutor(s.paytrace),
  'paytrace.vault-upsert': (_: unknown, s: PaytraceServices) =>
    createVaultUpsertExecutor(s.paytrace),
  'paytrace.vault-delete': (_: unknown, s: PaytraceServices) =>
    createVaultDeleteExecutor(s.paytrace),
  'paytrace.transactions-export': (_: unknown, s: PaytraceServices) =>
    createTransactionsExportExecutor(s.paytrace),
  'paytrace.batches-export': (_: unknown, s: PaytraceServices) =>
    createBatchesExportExecutor(s.paytrace),
  'paytrace.batch-transactions': (_: unknown, s: PaytraceServices) =>
    createBatchTransactionsExecutor(s.paytrace),
  'paytrace.pay-link': (o: { pay?: PayLinks }) => createPayLinkExecutor(o.pay),
  'paytrace.await-payment': (o: { pay?: PayLinks }, s: PaytraceServices) =>
    createAwaitPaymentExecutor(s.paytrace, o.pay),
};
