/**
 * What the `reconcile.import-statement` node asks of the runtime: storing a parsed statement's
 * lines for a bank account, lines already known skipped. The runtime implements it over its
 * bank statement tables (the same store the upload route writes) and hands it to the node
 * through `NodeRuntimeOptions.bankStatements`. Server-only types.
 *
 * @module
 */
import type { BankLine, StatementFormat } from '../statement/bank-line';

/** What one import stored; `statementId` is null when every line was already known. */
export interface StatementImport {
  statementId: string | null;
  imported: number;
  duplicates: number;
}

/** The runtime's bank statement store. */
export interface BankStatementStore {
  importStatement(input: {
    account: string;
    filename: string | null;
    format: StatementFormat;
    lines: readonly BankLine[];
    importedBy: string | null;
  }): Promise<StatementImport>;
}
