import { describe, expect, it } from 'vitest';
import { NoticeError } from './notice';
import { csvRecords, parseChargebackReport } from './report-csv';

const HEADER =
  'Case Number,Case Type,Status,Received Date,Reply By Date,Transaction ID,Invoice,Card Type,Last 4,Amount,Reason Code,Reason Description';

describe('csvRecords', () => {
  it('keeps quoted commas, quotes and line breaks, and numbers records by their first line', () => {
    const text = 'a,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,1';
    expect(csvRecords(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"\nthere'] },
      { line: 5, fields: ['last', '1'] },
    ]);
  });
});

describe('parseChargebackReport', () => {
  it("reads PayTrace's report rows into notices: US dates, dollars, last four only", () => {
    const rows = parseChargebackReport(
      `${HEADER}\r\nCB000001,Chargeback,Open,11/02/2026,11/20/2026,1001,PB123,VISA,XXXXXXXXXXXX5439,"1,068.87",10.4,"Other Fraud - Card-Absent Environment"\r\n`,
    );
    expect(rows).toEqual([
      {
        line: 2,
        ok: true,
        notice: {
          channel: 'report',
          processor: 'paytrace',
          caseNumber: 'CB000001',
          kind: 'chargeback',
          status: 'open',
          amount: 106887,
          currency: 'USD',
          reasonCode: '10.4',
          reason: 'Other Fraud - Card-Absent Environment',
          orderRef: null,
          invoice: 'PB123',
          transactionId: '1001',
          cardLast4: '5439',
          openedOn: '2026-11-02',
          evidenceDueBy: '2026-11-20',
        },
      },
    ]);
  });

  it('maps the portal statuses and case types', () => {
    const rows = parseChargebackReport(
      [
        HEADER,
        'A,Retrieval,Won,2026-11-02,,1,,,,5.00,13.1,',
        'B,Chargeback,Lost,2026-11-02,,1,,,,5.00,13.1,',
        'C,Chargeback,Evidence Submitted,2026-11-02,,1,,,,5.00,13.1,',
      ].join('\n'),
    );
    expect(rows.map((r) => r.ok && [r.notice.kind, r.notice.status])).toEqual([
      ['retrieval', 'won'],
      ['chargeback', 'lost'],
      ['chargeback', 'evidence_submitted'],
    ]);
  });

  it('reports unreadable rows by line and keeps the others', () => {
    const rows = parseChargebackReport(
      [
        HEADER,
        'A,Chargeback,Open,02/30/2026,,1,,,,5.00,10.4,',
        ',Chargeback,Open,2026-11-02,,1,,,,5.00,10.4,',
        'C,Chargeback,Open,2026-11-02,,1,,,,0.00,10.4,',
        'D,Chargeback,Maybe,2026-11-02,,1,,,,5.00,10.4,',
        'E,Chargeback,Open,2026-11-02,,1,,,,5.001,10.4,',
        'F,Chargeback,Open,2026-11-02,,1,,,,5.00,10.4,',
      ].join('\n'),
    );
    expect(rows.map((r) => (r.ok ? r.line : [r.line, r.message]))).toEqual([
      [2, 'received date: "02/30/2026" is not a date (YYYY-MM-DD or MM/DD/YYYY)'],
      [3, 'case number: missing'],
      [4, 'amount: the amount is zero'],
      [5, 'status: unknown status "maybe"'],
      [6, 'amount: "5.001" has more than 2 decimals for USD'],
      7,
    ]);
  });

  it('refuses a file without the columns a case needs, naming them', () => {
    expect(() => parseChargebackReport('Name,Total\nx,1\n')).toThrow(NoticeError);
    expect(() => parseChargebackReport('Name,Total\nx,1\n')).toThrow(
      /no caseNumber, amount, received column/,
    );
    expect(() => parseChargebackReport('')).toThrow(/empty/);
  });
});
