/**
 * `erp.journal-post`: a general-ledger journal entry (a settlement, fees, an adjustment).
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { JournalInput } from '../../documents';
import { ACCOUNT_ROLES } from '../../rules/accounts';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  POSTING_DOCS,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';

/**
 * A PayTrace settlement batch (a `paytrace.batches-export` summary, or that node's output when it
 * holds one batch): the net reaches the bank (or, for a batch of mostly refunds, leaves it), card
 * clearing is emptied of the settled sales and refilled by the settled refunds, fees (when the
 * input has `fees` in minor units) are expensed. A batch that moved no money, or an export that
 * found no batch, gives no lines: nothing is posted. Integer arithmetic in JSONata is exact; the
 * older input shape (`batchNumber`, `currency`, `date`, `gross`, `fees` in minor units) works too.
 */
export const DEFAULT_JOURNAL_MAPPING = `(
  $count(batches) > 1 ? $error("the input holds " & $count(batches) & " batches: post one journal per batch");
  $batch := $exists(batches) ? batches[0] : $;
  $minor := function($m) { $m ? $abs($m.minor) : 0 };
  $sales := $exists($batch.salesAmount) ? $minor($batch.salesAmount) : ($batch.gross ? $batch.gross : 0);
  $refunds := $exists($batch.refundAmount) ? $minor($batch.refundAmount) : ($batch.refunds ? $batch.refunds : 0);
  $fees := $batch.fees ? $batch.fees : 0;
  $net := $sales - $refunds - $fees;
  $day := function($s) {
    $not($s) ? $substring($now(), 0, 10)
    : $contains($s, "/") ? (
        $mdy := $split($split($s, " ")[0], "/");
        $mdy[2] & "-" & $pad($mdy[0], -2, "0") & "-" & $pad($mdy[1], -2, "0")
      )
    : $substring($s, 0, 10)
  };
  $batch ? {
    "externalRef": "settlement-" & $string($batch.batchNumber),
    "currency": [$batch.netAmount.currency, $batch.salesAmount.currency, $batch.refundAmount.currency, $batch.currency][0],
    "date": $batch.date ? $batch.date : $day($batch.createdAt),
    "memo": "PayTrace settlement batch " & $string($batch.batchNumber),
    "lines": [
      $net > 0 ? { "account": "cash", "debit": $net, "description": "Deposit" },
      $net < 0 ? { "account": "cash", "credit": -$net, "description": "Withdrawn for refunds" },
      $fees > 0 ? { "account": "merchant-fees", "debit": $fees, "description": "Processing fees" },
      $sales > 0 ? { "account": "card-clearing", "credit": $sales, "description": "Settled card payments" },
      $refunds > 0 ? { "account": "card-clearing", "debit": $refunds, "description": "Settled card refunds" }
    ]
  } : { "lines": [] }
)`;

/** What the node emits when the mapping gives no lines: nothing was posted. */
export const NothingPosted = z.object({
  erp: z.string(),
  created: z.literal(false),
  origin: z.literal('empty'),
  document: z.null(),
});

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
  output: z.union([ErpPostingOutput, NothingPosted]),
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  mappingTarget: { field: 'mapping', schema: JournalInput },
  connection: ERP_CONNECTION,
  docs: `${POSTING_DOCS}

Each line names an account by role (${ACCOUNT_ROLES.join(', ')}) or by code, and has a
\`debit\` or a \`credit\`. Debits must equal credits; a line with both, neither, or an unknown
account is refused by number. Posted entries are immutable: correct them by reversal.

A mapping that gives an empty \`lines\` list posts nothing and succeeds with \`origin: "empty"\`
and \`document: null\` (the default mapping does so for a batch that moved no money).`,
});
