/**
 * The built-in ledger as an {@link ErpAdapter}: what the ERP nodes post to when a flow names no
 * ERP connection. Each posting is one Postgres transaction; the chart of accounts is seeded on
 * first use. Documents are validated once, at the shared adapter boundary (`erpBoundary`), so the
 * modules here receive parsed documents and apply the shared rules (totals, posting rules).
 *
 * @module
 */
import { erpBoundary, type ErpAdapter } from '@paybridge/nodes/erp';
import type { Sql } from '../db/client';
import { ensureDefaultChart } from './chart';
import { createCreditMemo, findCreditMemo } from './credit-memos';
import { findCustomer, upsertCustomer } from './customers';
import { findDispute, openDispute, updateDispute } from './disputes';
import { createInvoice, findInvoice } from './invoices';
import { findJournal, postJournal } from './journals';
import { translateDbError, type LedgerSql } from './ledger-sql';
import { findPayment, recordPayment } from './payments';

/** The adapter plus what the API routes use besides it. */
export interface BuiltInLedger extends ErpAdapter {
  /** Runs `fn` in one transaction after the chart is seeded; database guards become ERP errors. */
  transaction<T>(fn: (tx: LedgerSql) => Promise<T>): Promise<T>;
  /** Seeds the default chart (idempotent); done before the first posting anyway. */
  ready(): Promise<void>;
}

/** Builds the built-in ledger over the runtime's pool. */
export function createBuiltInLedger(sql: Sql): BuiltInLedger {
  let seeded: Promise<void> | null = null;
  const ready = () => {
    seeded ??= ensureDefaultChart(sql).catch((err: unknown) => {
      seeded = null;
      throw err;
    });
    return seeded;
  };
  const transaction = async <T>(fn: (tx: LedgerSql) => Promise<T>): Promise<T> => {
    await ready();
    try {
      return (await sql.begin((tx) => fn(tx))) as T;
    } catch (err) {
      throw translateDbError(err);
    }
  };
  const read = async <T>(fn: (s: LedgerSql) => Promise<T>): Promise<T> => {
    await ready();
    return fn(sql);
  };
  return erpBoundary({
    kind: 'built-in',
    // A posting is one transaction: once its connection is gone it either committed or not.
    unknownOutcomeWaitMs: 0,
    ready,
    transaction,
    upsertCustomer: (input) => transaction((tx) => upsertCustomer(tx, input)),
    createInvoice: (input) => transaction((tx) => createInvoice(tx, input)),
    recordPayment: (input) => transaction((tx) => recordPayment(tx, input)),
    createCreditMemo: (input) => transaction((tx) => createCreditMemo(tx, input)),
    postJournal: (input) => transaction((tx) => postJournal(tx, input)),
    openDispute: (input) => transaction((tx) => openDispute(tx, input)),
    updateDispute: (input) => transaction((tx) => updateDispute(tx, input)),
    findByReference: ((type, ref) =>
      read(async (s) => {
        switch (type) {
          case 'customer':
            return findCustomer(s, ref);
          case 'invoice':
            return findInvoice(s, { ref });
          case 'payment':
            return findPayment(s, ref);
          case 'credit-memo':
            return findCreditMemo(s, ref);
          case 'journal':
            return findJournal(s, ref);
          case 'dispute':
            return findDispute(s, ref);
        }
      })) as ErpAdapter['findByReference'],
  });
}
