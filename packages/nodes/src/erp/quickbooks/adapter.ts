/**
 * QuickBooks Online as an {@link ErpAdapter}: built from a `quickbooks` connection's values,
 * calling Intuit (or the built-in simulator) with a token store that keeps rotated refresh
 * tokens.
 *
 * @module
 */
import type { ErpAdapter } from '../adapter';
import { erpBoundary } from '../boundary';
import { ErpError } from '../errors';
import { AccountResolver } from './accounts';
import { QBO_API, QuickbooksClient, REQUEST_TIMEOUT_MS } from './client';
import type { QuickbooksEnvironment } from './connection';
import type { QboDocs } from './context';
import { createCreditMemo, findCreditMemo } from './credit-memos';
import { customerRecord, upsertCustomer } from './customers';
import {
  createInvoice,
  findInvoice,
  invoiceRecord,
  paymentRecord,
  recordPayment,
} from './invoices';
import { findDispute, findJournal, openDispute, postJournal, updateDispute } from './journals';
import { findByNote, findCustomer } from './lookup';
import { INTUIT_OAUTH, simulatorOAuth } from './oauth';
import { readSettlementDocuments } from './settlement-documents';
import type { QuickbooksTokenStore } from './token-store';

/** The connection values the adapter uses (as the `quickbooks` connection type parses them). */
export interface QuickbooksConnectionValues {
  environment: QuickbooksEnvironment;
  clientId: string;
  clientSecret: string;
  realmId?: string | undefined;
  refreshToken?: string | undefined;
  accountMap?: Readonly<Partial<Record<string, string>>>;
  baseUrl?: string | undefined;
}

/** How to reach QuickBooks besides the values. */
export interface QuickbooksAdapterOptions {
  tokens: QuickbooksTokenStore;
  /** Key of the connection in the token store (the runtime uses the connection id). */
  tokenKey?: string | undefined;
  /** Base URL of the simulator when the connection names none. */
  simulatorUrl?: string | undefined;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Backoff base of retried calls in ms (default 500). */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Builds the adapter for one connection. */
export function createQuickbooksAdapter(
  values: QuickbooksConnectionValues,
  options: QuickbooksAdapterOptions,
): ErpAdapter {
  const { realmId, refreshToken } = values;
  if (!realmId || !refreshToken) {
    throw new ErpError(
      'auth',
      'QBO_NOT_CONNECTED',
      'This QuickBooks Online connection is not authorized yet: connect it to a company first',
    );
  }
  const simulator = values.environment === 'simulator';
  const simulatorBase = values.baseUrl ?? options.simulatorUrl;
  if (simulator && !simulatorBase) {
    throw new Error('a QuickBooks connection to the simulator needs its URL');
  }
  const client = new QuickbooksClient({
    apiBase: simulator ? simulatorBase! : QBO_API[values.environment as 'production' | 'sandbox'],
    oauth: simulator ? simulatorOAuth(simulatorBase!) : INTUIT_OAUTH,
    clientId: values.clientId,
    clientSecret: values.clientSecret,
    realmId,
    refreshToken,
    tokens: options.tokens,
    ...(options.tokenKey ? { tokenKey: options.tokenKey } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const docs: QboDocs = {
    client,
    accounts: new AccountResolver(client, values.accountMap ?? {}),
    customers: new Map(),
  };
  return erpBoundary({
    kind: 'quickbooks-online',
    unknownOutcomeWaitMs: 2 * REQUEST_TIMEOUT_MS,
    upsertCustomer: (input) => upsertCustomer(docs, input),
    createInvoice: (input) => createInvoice(docs, input),
    recordPayment: (input) => recordPayment(docs, input),
    createCreditMemo: (input) => createCreditMemo(docs, input),
    postJournal: (input) => postJournal(docs, input),
    openDispute: (input) => openDispute(docs, input),
    updateDispute: (input) => updateDispute(docs, input),
    settlementDocuments: (window) => readSettlementDocuments(client, window),
    findByReference: (async (type: string, ref: string) => {
      switch (type) {
        case 'customer': {
          const found = await findCustomer(client, ref);
          return found ? customerRecord(found) : null;
        }
        case 'invoice': {
          const found = await findInvoice(docs, ref);
          return found ? invoiceRecord(docs, found) : null;
        }
        case 'payment': {
          const found = await findByNote(client, 'Payment', 'payment', ref);
          return found ? paymentRecord(docs, found) : null;
        }
        case 'credit-memo':
          return findCreditMemo(docs, ref);
        case 'journal':
          return findJournal(docs, ref);
        case 'dispute':
          return findDispute(docs, ref);
        default:
          return null;
      }
    }) as ErpAdapter['findByReference'],
  });
}
