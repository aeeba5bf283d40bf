/**
 * ISO 20022 camt.053 (Bank-to-Customer Statement), any version `camt.053.001.02`–`.13`: every
 * booked `<Ntry>` of every `<Stmt>` becomes a bank line, signed by `CdtDbtInd` (`CRDT` positive,
 * `DBIT` negative), dated by `BookgDt` (`Dt`, or the date part of `DtTm`), in `Amt/@Ccy`. Pending
 * or informational entries (`Sts` other than `BOOK`) are not booked and are left out. The
 * reference is the bank's `AcctSvcrRef` (else `NtryRef`, else the end-to-end id), the text
 * `AddtlNtryInf` or the remittance lines.
 *
 * @module
 */
import { isCurrencyCode } from '../../erp/currencies';
import { readAmount } from './amount-text';
import type { BankLine, ParsedStatement, StatementError } from './bank-line';
import { readDate } from './dates';
import { child, children, elementLines, parseXml, textOf, type XmlNode } from './xml-document';

/** Reads a camt.053 statement. */
export function parseCamt053(text: string): ParsedStatement {
  const parsed = parseXml(text, ['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd']);
  if ('error' in parsed) return { lines: [], errors: [parsed.error] };
  const statements = children(child(child(parsed.doc, 'Document'), 'BkToCstmrStmt'), 'Stmt');
  if (statements.length === 0) {
    return {
      lines: [],
      errors: [
        { line: 1, message: 'no Document/BkToCstmrStmt/Stmt: this is not a camt.053 statement' },
      ],
    };
  }
  const at = elementLines(text, 'Ntry');
  const lines: BankLine[] = [];
  const errors: StatementError[] = [];
  let index = 0;
  for (const stmt of statements) {
    const accountCurrency = textOf(child(child(stmt, 'Acct'), 'Ccy') ?? child(stmt, 'Acct')?.Ccy);
    for (const entry of children(stmt, 'Ntry')) {
      const line = at[index] ?? 1;
      index += 1;
      const status = textOf(entry.Sts) || textOf(child(entry, 'Sts')?.Cd);
      if (status !== '' && status !== 'BOOK') continue;
      const read = readEntry(entry, accountCurrency);
      if ('message' in read) errors.push({ line, message: read.message });
      else lines.push(read);
    }
  }
  return { lines, errors };
}

function readEntry(entry: XmlNode, accountCurrency: string): BankLine | { message: string } {
  const problems: string[] = [];
  const booking = child(entry, 'BookgDt');
  const dateText = textOf(booking?.Dt) || textOf(booking?.DtTm);
  const bookedOn = readDate(dateText);
  if (!bookedOn)
    problems.push(
      dateText === '' ? 'BookgDt is missing' : `BookgDt ${JSON.stringify(dateText)} is not a date`,
    );
  const amt = entry.Amt;
  const currency = String((amt as XmlNode | undefined)?.['@_Ccy'] ?? accountCurrency).toUpperCase();
  const indicator = textOf(entry.CdtDbtInd);
  if (indicator !== 'CRDT' && indicator !== 'DBIT')
    problems.push(`CdtDbtInd ${JSON.stringify(indicator)} is neither CRDT nor DBIT`);
  let magnitude: number | undefined;
  if (!isCurrencyCode(currency))
    problems.push(`Amt currency ${JSON.stringify(currency)} is not an ISO 4217 code`);
  else {
    const raw = textOf(amt);
    const read = readAmount(raw, currency, '.');
    if (raw === '') problems.push('Amt is missing');
    else if ('error' in read) problems.push(`Amt ${read.error}`);
    else if (read.minor < 0 || raw.startsWith('-'))
      problems.push(`Amt ${raw} is negative (the sign belongs in CdtDbtInd)`);
    else magnitude = read.minor;
  }
  if (problems.length > 0 || magnitude === undefined || !bookedOn)
    return { message: problems.join('; ') };
  const details = children(child(entry, 'NtryDtls'), 'TxDtls')[0];
  const refs = child(details, 'Refs');
  const endToEnd = textOf(refs?.EndToEndId);
  const reference =
    textOf(entry.AcctSvcrRef) ||
    textOf(entry.NtryRef) ||
    (endToEnd === 'NOTPROVIDED' ? '' : endToEnd) ||
    textOf(refs?.AcctSvcrRef);
  const remittance = children(child(details, 'RmtInf'), 'Ustrd').map(textOf).join(' ');
  const description = textOf(entry.AddtlNtryInf) || remittance || textOf(details?.AddtlTxInf);
  return {
    bookedOn,
    amount: indicator === 'DBIT' ? -magnitude : magnitude,
    currency,
    reference,
    description,
  };
}
