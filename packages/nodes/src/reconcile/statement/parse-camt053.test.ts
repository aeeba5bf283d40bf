import { describe, expect, it } from 'vitest';
import { parseStatement } from './parse-statement';

const CAMT = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-20260108</MsgId><CreDtTm>2026-01-08T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>20260108-1</Id>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-05</Dt></Dt></Bal>
      <Ntry>
        <NtryRef>1</NtryRef>
        <Amt Ccy="EUR">4210.55</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>2026-01-05</Dt></BookgDt>
        <ValDt><Dt>2026-01-05</Dt></ValDt>
        <AcctSvcrRef>BANKREF-0001</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>PAYTRACE-B41</EndToEndId></Refs>
          <RmtInf><Ustrd>PAYTRACE DEPOSIT</Ustrd><Ustrd>BATCH 41</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">19.99</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><DtTm>2026-01-06T09:30:00+01:00</DtTm></BookgDt>
        <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs></TxDtls></NtryDtls>
        <AddtlNtryInf>Card fee January</AddtlNtryInf>
      </Ntry>
      <Ntry>
        <Amt Ccy="EUR">5.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>PDNG</Sts>
        <BookgDt><Dt>2026-01-07</Dt></BookgDt>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

describe('camt.053 statements', () => {
  it('reads booked entries signed by CdtDbtInd and dated by BookgDt, leaving pending ones out', () => {
    const parsed = parseStatement(CAMT, 'camt053');
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines).toEqual([
      {
        bookedOn: '2026-01-05',
        amount: 421055,
        currency: 'EUR',
        reference: 'BANKREF-0001',
        description: 'PAYTRACE DEPOSIT BATCH 41',
      },
      {
        bookedOn: '2026-01-06',
        amount: -1999,
        currency: 'EUR',
        reference: '',
        description: 'Card fee January',
      },
    ]);
  });

  it('reads prefixed namespaces too', () => {
    const prefixed = CAMT.replace(/<(\/?)(\w+)([ >])/g, '<$1c:$2$3').replace(
      '<c:Document xmlns=',
      '<c:Document xmlns:c=',
    );
    expect(parseStatement(prefixed, 'camt053').lines.map((l) => l.amount)).toEqual([421055, -1999]);
  });

  it('names the line of each entry it cannot read', () => {
    const bad = CAMT.replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>X</CdtDbtInd>').replace(
      '<Amt Ccy="EUR">4210.55</Amt>',
      '<Amt Ccy="EUR">4210.5.5</Amt>',
    );
    expect(parseStatement(bad, 'camt053').errors).toEqual([
      { line: 9, message: 'Amt "4210.5.5" is not a decimal amount' },
      { line: 23, message: 'CdtDbtInd "X" is neither CRDT nor DBIT' },
    ]);
  });

  it('refuses malformed XML with its line, DOCTYPEs, and documents that are no camt.053', () => {
    const broken = parseStatement(
      CAMT.replace('</Ntry>\n      <Ntry>', '</Ntry>\n      <Ntry'),
      'camt053',
    );
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]?.message).toMatch(/^not well-formed XML/);
    expect(
      parseStatement(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        'camt053',
      ).errors,
    ).toEqual([{ line: 2, message: 'DOCTYPE and ENTITY declarations are not accepted' }]);
    expect(parseStatement('<Document><Other/></Document>', 'camt053').errors).toEqual([
      { line: 1, message: 'no Document/BkToCstmrStmt/Stmt: this is not a camt.053 statement' },
    ]);
  });
});
