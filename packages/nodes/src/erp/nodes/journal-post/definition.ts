/**
 * `erp.journal-post`: a general-ledger journal entry (a settlement, fees, an adjustment).
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { ACCOUNT_ROLES } from '../../accounts';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  POSTING_DOCS,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';

/**
 * A settlement batch: the net reaches the bank, fees are expensed, card clearing is emptied by
 * the gross. Expects `batchNumber`, `currency`, `date`, and `gross` and `fees` as integers in
 * minor units (integer arithmetic in JSONata is exact) on the input.
 */
export const DEFAULT_JOURNAL_MAPPING = `{
  "externalRef": "settlement-" & $string(batchNumber),
  "currency": currency,
  "date": date,
  "memo": "PayTrace settlement batch " & $string(batchNumber),
  "lines": [
    { "account": "cash", "debit": gross - fees, "description": "Deposit" },
    { "account": "merchant-fees", "debit": fees, "description": "Processing fees" },
    { "account": "card-clearing", "credit": gross, "description": "Settled card payments" }
  ][debit != 0 or credit != 0]
}`;

export const erpJournalPostNode = defineNode({
  type: 'erp.journal-post',
  version: 1,
  kind: 'action',
  title: 'ERP journal entry',
  description: 'Post a balanced journal entry; lines come from a mapping.',
  category: 'erp',
  icon: 'book-open',
  config: z.object({
    connectionId: erpConnectionField,
    mapping: mappingField(DEFAULT_JOURNAL_MAPPING),
  }),
  input: z.unknown(),
  output: ErpPostingOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  connection: ERP_CONNECTION,
  docs: `${POSTING_DOCS}

Each line names an account by role (${ACCOUNT_ROLES.join(', ')}) or by code, and has a
\`debit\` or a \`credit\`. Debits must equal credits; a line with both, neither, or an unknown
account is refused by number. Posted entries are immutable: correct them by reversal.`,
});
