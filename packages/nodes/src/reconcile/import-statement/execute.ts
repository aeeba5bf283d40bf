/**
 * Executor of `reconcile.import-statement`: parse, refuse a statement with unreadable lines,
 * store the lines through the runtime's bank statement store.
 *
 * @module
 */
import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../define-node';
import { parseStatement } from '../statement/parse-statement';
import { importStatementNode, type ImportStatementConfig } from './definition';
import type { BankStatementStore } from './statement-store';

/** How many line errors the failure message lists before "and N more". */
const LISTED_ERRORS = 10;

/** The executor over the runtime's store (absent on hosts without one: the step fails). */
export function createImportStatementExecutor(
  store: BankStatementStore | undefined,
): NodeExecutor<ImportStatementConfig> {
  return implementNode(importStatementNode, async (ctx) => {
    if (!store) {
      throw new PermanentError('NO_STATEMENT_STORE', 'This runtime keeps no bank statements');
    }
    const { format, text, account, filename, columns } = ctx.config;
    const parsed = parseStatement(text, format, columns);
    if (parsed.errors.length > 0) {
      const listed = parsed.errors
        .slice(0, LISTED_ERRORS)
        .map((e) => `line ${e.line}: ${e.message}`)
        .join('; ');
      const more = parsed.errors.length - LISTED_ERRORS;
      throw new PermanentError(
        'STATEMENT_INVALID',
        `The ${format} statement has ${parsed.errors.length} unreadable line(s), nothing was imported: ${listed}${more > 0 ? `; and ${more} more` : ''}`,
      );
    }
    const stored = await store.importStatement({
      account,
      filename: filename === '' ? null : filename,
      format,
      lines: parsed.lines,
      importedBy: `flow run ${ctx.runId}`,
    });
    const dates = parsed.lines.map((l) => l.bookedOn).sort();
    return { output: { ...stored, from: dates[0] ?? null, to: dates.at(-1) ?? null } };
  });
}
