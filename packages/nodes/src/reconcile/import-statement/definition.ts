/**
 * `reconcile.import-statement`: a bank statement a previous node fetched (an `http.request` to
 * the bank's export, a mailbox attachment) read and stored for the deposit match of
 * `reconcile.settlement`.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { CsvColumns } from '../statement/csv-columns';
import { StatementFormat } from '../statement/bank-line';

/** What the node emits. */
export const ImportStatementOutput = z.object({
  /** Null when every line was already imported. */
  statementId: z.string().nullable(),
  imported: z.int(),
  duplicates: z.int(),
  /** Booking dates the statement covers (`null` for an empty one). */
  from: z.iso.date().nullable(),
  to: z.iso.date().nullable(),
});
export type ImportStatementOutput = z.infer<typeof ImportStatementOutput>;

export const importStatementNode = defineNode({
  type: 'reconcile.import-statement',
  version: 1,
  kind: 'action',
  title: 'Import bank statement',
  description:
    'Read a CSV, OFX or camt.053 bank statement and keep its lines for the deposit match.',
  category: 'reconciliation',
  icon: 'landmark',
  config: z.object({
    format: StatementFormat.default('csv').meta({ title: 'Format' }),
    text: z.string().min(1).max(20_000_000).meta({
      title: 'Statement',
      description: 'The file\'s text; usually an expression such as =$node("download").body.',
      widget: 'textarea',
    }),
    account: z.string().min(1).max(100).default('default').meta({
      title: 'Bank account',
      description: 'The name the settlement reconciliation looks deposits up by.',
    }),
    filename: z.string().max(255).default('').meta({ title: 'File name (for the list)' }),
    columns: CsvColumns.prefault({}).meta({
      title: 'CSV columns',
      description: 'Only for CSV; the defaults suit common bank exports.',
    }),
  }),
  output: ImportStatementOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  // Storing lines is naturally idempotent (lines already known are skipped), so no effect record.
  effects: false,
  docs: `Reads a bank statement and stores its booked lines for the **bank account**, where
\`reconcile.settlement\` matches each batch's net deposit.

- **CSV**: the header row is found (account details above it are skipped) and the columns are
  recognised by their usual names (\`Posting Date\`, \`Amount\` or \`Debit\`/\`Credit\`,
  \`Description\`, \`Reference\`, a \`CR/DR\` column); set **CSV columns** for other layouts
  (names or 1-based positions, day-first dates, decimal commas, files without a header).
- **OFX** 1.x (SGML) and 2.x (XML), bank and credit-card statements.
- **camt.053** (ISO 20022), booked entries.

Amounts are kept in integer minor units, credits positive. Lines already imported for the account
(the same statement again, an overlapping one, or the same deposits in another format) are
skipped. A statement with any unreadable line fails the step with each line's number and problem
and stores nothing.`,
});

/** Config after defaults. */
export type ImportStatementConfig = z.infer<typeof importStatementNode.config>;
