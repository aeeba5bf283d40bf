/**
 * Every PayTrace v1 endpoint the connector calls, each with the schema of what it sends and of
 * what it reads back. The client only takes an {@link Endpoint}, so a path, its body and its
 * answer type cannot be mixed up.
 *
 * @module
 */
import { z } from 'zod';
import { CustomerAnswer, PaytraceEnvelope, TransactionAnswer } from './wire/answers';
import {
  KeyedChargeRequest,
  PreviousTransactionChargeRequest,
  ProtectChargeRequest,
  VaultChargeRequest,
} from './wire/charge-requests';
import { BatchesAnswer, TransactionsAnswer } from './wire/export-answers';
import {
  BatchExportOneRequest,
  BatchExportRequest,
  BatchTransactionsRequest,
  ExportByDateRangeRequest,
  ExportByIdRequest,
} from './wire/export-requests';
import { CaptureRequest, RefundRequest, VoidRequest } from './wire/follow-up-requests';
import {
  CustomerCreateRequest,
  CustomerDeleteRequest,
  CustomerFromTransactionRequest,
  CustomerProtectCreateRequest,
  CustomerUpdateRequest,
} from './wire/vault-requests';

/** One endpoint: its path under the base URL, its request body and its answer. */
export interface Endpoint<Request extends z.ZodType, Answer extends z.ZodType> {
  readonly path: `/v1/${string}`;
  readonly request: Request;
  readonly answer: Answer;
}

/** Any endpoint. */
export type AnyEndpoint = Endpoint<z.ZodType, z.ZodType>;

function endpoint<Request extends z.ZodType, Answer extends z.ZodType>(
  path: `/v1/${string}`,
  request: Request,
  answer: Answer,
): Endpoint<Request, Answer> {
  return Object.freeze({ path, request, answer });
}

/** Charge endpoints by kind and card source. */
export const chargeEndpoints = {
  sale: {
    keyed: endpoint('/v1/transactions/sale/keyed', KeyedChargeRequest, TransactionAnswer),
    vault: endpoint('/v1/transactions/sale/by_customer', VaultChargeRequest, TransactionAnswer),
    transaction: endpoint(
      '/v1/transactions/sale/by_transaction',
      PreviousTransactionChargeRequest,
      TransactionAnswer,
    ),
    protect: endpoint('/v1/transactions/sale/pt_protect', ProtectChargeRequest, TransactionAnswer),
  },
  authorization: {
    keyed: endpoint('/v1/transactions/authorization/keyed', KeyedChargeRequest, TransactionAnswer),
    vault: endpoint(
      '/v1/transactions/authorization/by_customer',
      VaultChargeRequest,
      TransactionAnswer,
    ),
    transaction: endpoint(
      '/v1/transactions/authorization/by_transaction',
      PreviousTransactionChargeRequest,
      TransactionAnswer,
    ),
    protect: endpoint(
      '/v1/transactions/authorization/pt_protect',
      ProtectChargeRequest,
      TransactionAnswer,
    ),
  },
} as const;

/** Capture, void and refund. */
export const followUpEndpoints = {
  capture: endpoint('/v1/transactions/authorization/capture', CaptureRequest, TransactionAnswer),
  void: endpoint('/v1/transactions/void', VoidRequest, TransactionAnswer),
  refund: endpoint('/v1/transactions/refund/for_transaction', RefundRequest, TransactionAnswer),
} as const;

/** The customer vault. */
export const vaultEndpoints = {
  create: endpoint('/v1/customer/create', CustomerCreateRequest, CustomerAnswer),
  protectCreate: endpoint(
    '/v1/customer/pt_protect_create',
    CustomerProtectCreateRequest,
    CustomerAnswer,
  ),
  createFromTransaction: endpoint(
    '/v1/customer/create_from_transaction',
    CustomerFromTransactionRequest,
    CustomerAnswer,
  ),
  update: endpoint('/v1/customer/update', CustomerUpdateRequest, CustomerAnswer),
  delete: endpoint('/v1/customer/delete', CustomerDeleteRequest, PaytraceEnvelope),
} as const;

/** Transaction and batch reports. */
export const reportEndpoints = {
  transactionById: endpoint('/v1/transactions/export/by_id', ExportByIdRequest, TransactionsAnswer),
  transactionsByDateRange: endpoint(
    '/v1/transactions/export/by_date_range',
    ExportByDateRangeRequest,
    TransactionsAnswer,
  ),
  batchOne: endpoint('/v1/batches/export_one', BatchExportOneRequest, BatchesAnswer),
  batches: endpoint('/v1/batches/export', BatchExportRequest, BatchesAnswer),
  batchTransactions: endpoint(
    '/v1/batches/transaction_list',
    BatchTransactionsRequest,
    TransactionsAnswer,
  ),
} as const;

/** Protect.js: the client key a pay page hands to `PTPayment.setup` (API facts 12.2). */
export const paymentFieldsEndpoints = {
  clientKey: endpoint(
    '/v1/payment_fields/token/create',
    z.object({}),
    z.looseObject({ clientKey: z.string().min(1).max(4096).optional() }),
  ),
};
