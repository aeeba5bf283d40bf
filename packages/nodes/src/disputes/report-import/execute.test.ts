import { describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../test-context';
import type { z } from 'zod';
import { disputeReportImportNode, type ReportImportOutput } from './definition';
import { disputeReportImportExecutor } from './execute';

const run = (csv: string) =>
  disputeReportImportExecutor.execute(createTestContext(disputeReportImportNode, { csv }));

describe('dispute.report-import', () => {
  it('hands each readable row on in the shape dispute.case takes, and lists the others by line', async () => {
    const csv = [
      'Case Number,Status,Received Date,Amount,Reason Code',
      'CB-1,Open,2026-11-02,12.50,10.4',
      'CB-2,Open,yesterday,1.00,10.4',
    ].join('\n');
    const output = expectOutput(disputeReportImportNode, await run(csv)).output as z.infer<
      typeof ReportImportOutput
    >;
    expect(output.count).toBe(1);
    expect(output.rows[0]).toMatchObject({
      channel: 'report',
      line: 2,
      notice: { caseNumber: 'CB-1', amount: 1250, currency: 'USD', processor: 'paytrace' },
    });
    expect(output.errors).toEqual([
      { line: 3, message: 'received date: "yesterday" is not a date (YYYY-MM-DD or MM/DD/YYYY)' },
    ]);
  });

  it('fails permanently on a file that is no chargeback report', async () => {
    await expect(run('a,b\n1,2')).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'REPORT_UNREADABLE',
    });
  });
});
