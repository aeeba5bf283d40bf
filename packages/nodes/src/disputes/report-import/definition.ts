/**
 * `dispute.report-import`: rows of PayTrace's chargeback / retrieval report, read from CSV text.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { DisputeNotice } from '../notice';

export const ReportImportOutput = z.object({
  /** Readable rows, each in the shape `dispute.case` takes (`{ channel: "report", line, notice }`). */
  rows: z.array(
    z.object({ channel: z.literal('report'), line: z.number().int(), notice: DisputeNotice }),
  ),
  /** Rows that could not be read, with their line in the file. */
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  count: z.number().int(),
});

export const disputeReportImportNode = defineNode({
  type: 'dispute.report-import',
  version: 1,
  kind: 'action',
  title: 'Chargeback report import',
  description: "Read PayTrace's chargeback / retrieval report (CSV) into cases.",
  category: 'fraud',
  icon: 'file-spreadsheet',
  config: z.object({
    csv: z.string().min(1).max(5_000_000).meta({
      title: 'Report CSV',
      description: 'The report text, e.g. =$trigger.body or an HTTP request’s body.',
      widget: 'textarea',
    }),
    processor: z.string().min(1).max(40).default('paytrace').meta({
      title: 'Processor',
      description: 'Whose case numbers the report lists.',
    }),
  }),
  input: z.unknown(),
  output: ReportImportOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: false,
  docs: `Reads the CSV export of PayTrace's chargeback and retrieval report (in the PayTrace web
portal: Reports, Chargebacks / Retrievals, export as CSV). Columns are matched by name, loosely:
case number, case type, status, received date, reply-by date, transaction id, invoice, last 4,
amount, currency (USD when absent), reason code and description. PayTrace documents no format,
so unknown columns are ignored.

Each readable row comes out in \`rows\` as \`{ channel: "report", line, notice }\`: send them
through **For each** into **Dispute case**, which keeps one case per case number (a row already
known from a notification or an earlier import changes nothing). Unreadable rows are listed in
\`errors\` with their line number; a file without a case number, amount or received-date column
fails the step. The Disputes page's upload (\`POST /api/disputes/report\`) does the same for the
flows with a **Chargeback intake** trigger.`,
});
