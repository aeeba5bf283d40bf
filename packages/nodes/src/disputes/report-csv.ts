/**
 * PayTrace's chargeback / retrieval report, exported as CSV from the PayTrace web portal
 * (Reports > Chargebacks; the column names below are those of the export as far as known and
 * are matched loosely, since PayTrace documents no format). Each row becomes a
 * {@link DisputeNotice}; a row that cannot be read is reported with its line number and never
 * stops the others.
 *
 * @module
 */
import { fromCaseFields, NoticeError, type CaseFields, type DisputeNotice } from './notice';

/** One parsed row (its first line in the file, 1-based) or the reason it was refused. */
export type ReportRow =
  { line: number; ok: true; notice: DisputeNotice } | { line: number; ok: false; message: string };

/** Column names by meaning; compared lower-case without spaces, "_" or "#". */
const COLUMNS: Record<keyof CaseFields, string[]> = {
  caseNumber: ['casenumber', 'case', 'caseno', 'caseid', 'chargebackid'],
  caseType: ['casetype', 'type', 'kind'],
  status: ['status', 'casestatus'],
  amount: ['amount', 'chargebackamount', 'disputeamount', 'caseamount'],
  currency: ['currency', 'currencycode'],
  reasonCode: ['reasoncode', 'reason'],
  reason: ['reasondescription', 'description', 'reasontext'],
  transactionId: ['transactionid', 'transaction', 'txnid'],
  invoice: ['invoice', 'invoiceid', 'invoicenumber', 'ordernumber'],
  orderRef: ['orderid', 'shopifyorderid'],
  card: ['last4', 'cardlast4', 'cardnumber', 'card', 'accountnumber'],
  received: ['receiveddate', 'casedate', 'datereceived', 'opened', 'date'],
  due: ['replybydate', 'replyby', 'duedate', 'responsedue', 'evidencedueby'],
};

const squash = (name: string) => name.toLowerCase().replace(/[\s_#.-]/g, '');

/**
 * RFC 4180 records with the line each starts on: quoted fields may hold commas, quotes ("") and
 * line breaks. Empty lines are skipped.
 */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  const body = text.replace(/^\uFEFF/, '');
  const end = () => {
    fields.push(field);
    if (any || fields.length > 1 || field !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
    any = false;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      end();
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) end();
  return records;
}

/**
 * Reads a chargeback report. Throws {@link NoticeError} when the header lacks a case number,
 * amount or received-date column (nothing can be imported); otherwise answers every data row.
 */
export function parseChargebackReport(text: string, processor = 'paytrace'): ReportRow[] {
  const records = csvRecords(text);
  const header = records.shift();
  if (!header) throw new NoticeError('the report is empty');
  const names = header.fields.map(squash);
  const index = {} as Record<keyof CaseFields, number>;
  for (const key of Object.keys(COLUMNS) as (keyof CaseFields)[]) {
    index[key] = COLUMNS[key].map((c) => names.indexOf(c)).find((i) => i >= 0) ?? -1;
  }
  // "Reason" alone is the code when a separate description column exists.
  if (index.reason === index.reasonCode) index.reason = -1;
  const missing = (['caseNumber', 'amount', 'received'] as const).filter((k) => index[k] < 0);
  if (missing.length > 0) {
    throw new NoticeError(
      `line ${header.line}: the header has no ${missing.join(', ')} column (found: ${header.fields.join(', ')})`,
    );
  }
  return records.map(({ line, fields }) => {
    const f = {} as CaseFields;
    for (const key of Object.keys(index) as (keyof CaseFields)[]) {
      f[key] = index[key] >= 0 ? fields[index[key]] : undefined;
    }
    try {
      return { line, ok: true, notice: fromCaseFields('report', processor, f) };
    } catch (err) {
      if (!(err instanceof NoticeError)) throw err;
      return { line, ok: false, message: err.message };
    }
  });
}
