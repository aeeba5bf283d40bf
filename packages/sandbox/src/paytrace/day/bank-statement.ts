/**
 * The merchant's bank statement as the bank would export it, holding the processor's deposits of
 * a date range: CSV (US bank style, signed amounts), OFX 1.02 (SGML, as US banks' "Quicken/Money"
 * downloads) or ISO 20022 camt.053.001.02. Only deposits appear (the bank's other activity is
 * not the simulator's to invent). The deposit's wording (`PAYTRACE MERCH DEP`, reference
 * `PT-BATCH-<n>`) is UNCONFIRMED: real ACH descriptions depend on the acquirer.
 * @module
 */
import type { BatchMoney } from '../processor-fees.js';

/** Statement formats the simulator renders. */
export type StatementFormat = 'csv' | 'ofx' | 'camt053';

/** A deposit line. */
export interface DepositLine {
  bookedOn: string;
  cents: number;
  batchNumber: number;
}

/** Deposits of the batches booked within `[from, to]` (missing deposits left out). */
export function depositLines(batches: BatchMoney[], from: string, to: string): DepositLine[] {
  return batches
    .filter((b) => b.deposit !== null && b.depositOn >= from && b.depositOn <= to)
    .map((b) => ({ bookedOn: b.depositOn, cents: b.deposit!, batchNumber: b.number }))
    .sort((a, b) => a.bookedOn.localeCompare(b.bookedOn) || a.batchNumber - b.batchNumber);
}

function decimal(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const describe = (line: DepositLine) => `PAYTRACE MERCH DEP BATCH ${line.batchNumber}`;
const reference = (line: DepositLine) => `PT-BATCH-${line.batchNumber}`;

/** Renders the lines in a format; answers the body and its content type. */
export function renderStatement(
  lines: DepositLine[],
  format: StatementFormat,
  range: { from: string; to: string },
): { body: string; contentType: string } {
  if (format === 'csv') {
    const rows = lines.map((l) => {
      const [y, m, d] = l.bookedOn.split('-');
      return `${m}/${d}/${y},"${describe(l)}",${reference(l)},${decimal(l.cents)}`;
    });
    return {
      body: ['Date,Description,Reference,Amount', ...rows].join('\r\n') + '\r\n',
      contentType: 'text/csv; charset=utf-8',
    };
  }
  const total = lines.reduce((sum, l) => sum + l.cents, 0);
  if (format === 'ofx') return { body: ofx(lines, range, total), contentType: 'application/x-ofx' };
  return { body: camt(lines, range, total), contentType: 'application/xml; charset=utf-8' };
}

function ofx(lines: DepositLine[], range: { from: string; to: string }, total: number): string {
  const compact = (date: string) => date.replace(/-/g, '');
  const trns = lines.map((l) =>
    [
      '<STMTTRN>',
      `<TRNTYPE>${l.cents < 0 ? 'DEBIT' : 'CREDIT'}`,
      `<DTPOSTED>${compact(l.bookedOn)}120000`,
      `<TRNAMT>${decimal(l.cents)}`,
      `<FITID>${reference(l)}`,
      '<NAME>PAYTRACE MERCH DEP',
      `<MEMO>BATCH ${l.batchNumber}`,
      '</STMTTRN>',
    ].join('\n'),
  );
  return [
    'OFXHEADER:100',
    'DATA:OFXSGML',
    'VERSION:102',
    'SECURITY:NONE',
    'ENCODING:USASCII',
    'CHARSET:1252',
    'COMPRESSION:NONE',
    'OLDFILEUID:NONE',
    'NEWFILEUID:NONE',
    '',
    '<OFX>',
    '<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>' +
      `${compact(range.to)}235959<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>`,
    '<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>',
    '<STMTRS><CURDEF>USD',
    '<BANKACCTFROM><BANKID>121000248<ACCTID>0001234567<ACCTTYPE>CHECKING</BANKACCTFROM>',
    `<BANKTRANLIST><DTSTART>${compact(range.from)}<DTEND>${compact(range.to)}`,
    ...trns,
    '</BANKTRANLIST>',
    `<LEDGERBAL><BALAMT>${decimal(total)}<DTASOF>${compact(range.to)}</LEDGERBAL>`,
    '</STMTRS></STMTTRNRS></BANKMSGSRSV1>',
    '</OFX>',
    '',
  ].join('\n');
}

function camt(lines: DepositLine[], range: { from: string; to: string }, total: number): string {
  const balance = (code: string, cents: number, date: string) =>
    `      <Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="USD">${decimal(Math.abs(cents))}</Amt>` +
    `<CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  const entries = lines.map((l) =>
    [
      '      <Ntry>',
      `        <NtryRef>${reference(l)}</NtryRef>`,
      `        <Amt Ccy="USD">${decimal(Math.abs(l.cents))}</Amt>`,
      `        <CdtDbtInd>${l.cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>`,
      '        <Sts>BOOK</Sts>',
      `        <BookgDt><Dt>${l.bookedOn}</Dt></BookgDt>`,
      `        <ValDt><Dt>${l.bookedOn}</Dt></ValDt>`,
      `        <AcctSvcrRef>${reference(l)}</AcctSvcrRef>`,
      '        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ACDT</SubFmlyCd></Fmly></Domn></BkTxCd>',
      `        <NtryDtls><TxDtls><RmtInf><Ustrd>${describe(l)}</Ustrd></RmtInf></TxDtls></NtryDtls>`,
      '      </Ntry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">',
    '  <BkToCstmrStmt>',
    `    <GrpHdr><MsgId>PT-SIM-${range.from}-${range.to}</MsgId><CreDtTm>${range.to}T23:59:59</CreDtTm></GrpHdr>`,
    '    <Stmt>',
    `      <Id>PT-SIM-${range.from}</Id>`,
    `      <CreDtTm>${range.to}T23:59:59</CreDtTm>`,
    `      <FrToDt><FrDtTm>${range.from}T00:00:00</FrDtTm><ToDtTm>${range.to}T23:59:59</ToDtTm></FrToDt>`,
    '      <Acct><Id><Othr><Id>0001234567</Id></Othr></Id><Ccy>USD</Ccy></Acct>',
    balance('OPBD', 0, range.from),
    balance('CLBD', total, range.to),
    ...entries,
    '    </Stmt>',
    '  </BkToCstmrStmt>',
    '</Document>',
    '',
  ].join('\n');
}
