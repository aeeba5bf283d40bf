import { PermanentError } from '@paybridge/engine';
import { implementNode } from '../../define-node';
import { NoticeError } from '../notice';
import { parseChargebackReport } from '../report-csv';
import { disputeReportImportNode } from './definition';

/** Parses the report; a file that cannot be read at all fails permanently with the reason. */
export const disputeReportImportExecutor = implementNode(disputeReportImportNode, async (ctx) => {
  let parsed;
  try {
    parsed = parseChargebackReport(ctx.config.csv, ctx.config.processor);
  } catch (err) {
    if (err instanceof NoticeError) throw new PermanentError('REPORT_UNREADABLE', err.message);
    throw err;
  }
  const rows = parsed.flatMap((r) =>
    r.ok ? [{ channel: 'report' as const, line: r.line, notice: r.notice }] : [],
  );
  const errors = parsed.flatMap((r) => (r.ok ? [] : [{ line: r.line, message: r.message }]));
  return { output: { rows, errors, count: rows.length } };
});
