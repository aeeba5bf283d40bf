import { describe, expect, it } from 'vitest';
import { parseStatement } from './parse-statement';

const OFX1 = `OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20260108120000[-5:EST]<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1>
<STMTTRNRS>
<TRNUID>1
<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS>
<CURDEF>USD
<BANKACCTFROM><BANKID>121000248<ACCTID>1234567890<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST>
<DTSTART>20260101
<DTEND>20260108
<STMTTRN>
<TRNTYPE>CREDIT
<DTPOSTED>20260105120000.000[-5:EST]
<TRNAMT>4210.55
<FITID>20260105-0001
<NAME>PAYTRACE DEPOSIT
<MEMO>BATCH 41
</STMTTRN>
<STMTTRN>
<TRNTYPE>DEBIT
<DTPOSTED>20260106
<TRNAMT>-19.99
<FITID>20260106-0002
<NAME>AT&T MOBILITY
</STMTTRN>
</BANKTRANLIST>
<LEDGERBAL><BALAMT>6023.57<DTASOF>20260108</LEDGERBAL>
</STMTRS>
</STMTTRNRS>
</BANKMSGSRSV1>
</OFX>
`;

const OFX2 = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
  <CREDITCARDMSGSRSV1>
    <CCSTMTTRNRS>
      <TRNUID>1</TRNUID>
      <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
      <CCSTMTRS>
        <CURDEF>CAD</CURDEF>
        <CCACCTFROM><ACCTID>4500123412341234</ACCTID></CCACCTFROM>
        <BANKTRANLIST>
          <DTSTART>20260101</DTSTART><DTEND>20260131</DTEND>
          <STMTTRN>
            <TRNTYPE>CREDIT</TRNTYPE>
            <DTPOSTED>20260110</DTPOSTED>
            <TRNAMT>+120.00</TRNAMT>
            <FITID>A1</FITID>
            <NAME>Refund</NAME>
            <MEMO>Refund</MEMO>
          </STMTTRN>
          <STMTTRN>
            <TRNTYPE>DEBIT</TRNTYPE>
            <DTPOSTED>20260111</DTPOSTED>
            <TRNAMT>-45.10</TRNAMT>
            <FITID>A2</FITID>
            <NAME/>
            <CURRENCY><CURRATE>1.35</CURRATE><CURSYM>USD</CURSYM></CURRENCY>
          </STMTTRN>
        </BANKTRANLIST>
      </CCSTMTRS>
    </CCSTMTTRNRS>
  </CREDITCARDMSGSRSV1>
</OFX>`;

describe('OFX statements', () => {
  it('reads OFX 1.x SGML with unclosed leaves and an unescaped ampersand', () => {
    const parsed = parseStatement(OFX1, 'ofx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines).toEqual([
      {
        bookedOn: '2026-01-05',
        amount: 421055,
        currency: 'USD',
        reference: '20260105-0001',
        description: 'PAYTRACE DEPOSIT BATCH 41',
      },
      {
        bookedOn: '2026-01-06',
        amount: -1999,
        currency: 'USD',
        reference: '20260106-0002',
        description: 'AT&T MOBILITY',
      },
    ]);
  });

  it('reads OFX 2.x XML credit-card statements, with a per-transaction currency', () => {
    const parsed = parseStatement(OFX2, 'ofx');
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines).toEqual([
      {
        bookedOn: '2026-01-10',
        amount: 12000,
        currency: 'CAD',
        reference: 'A1',
        description: 'Refund',
      },
      { bookedOn: '2026-01-11', amount: -4510, currency: 'USD', reference: 'A2', description: '' },
    ]);
  });

  it('names the line of each transaction it cannot read', () => {
    const bad = OFX1.replace('<TRNAMT>-19.99', '<TRNAMT>-19.999').replace(
      '<DTPOSTED>20260105120000.000[-5:EST]',
      '<DTPOSTED>2026XX05',
    );
    const parsed = parseStatement(bad, 'ofx');
    expect(parsed.lines).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 23, message: 'DTPOSTED "2026XX05" is not a date' },
      { line: 31, message: 'TRNAMT "-19.999" has more than 2 decimals for USD' },
    ]);
  });

  it('refuses files that are not OFX or not well-formed', () => {
    expect(parseStatement('Date,Amount\n', 'ofx').errors).toEqual([
      { line: 1, message: 'no <OFX> element: this is not an OFX file' },
    ]);
    const broken = parseStatement('<OFX>\n<BANKMSGSRSV1>\n</OFX>', 'ofx');
    expect(broken.errors[0]?.message).toMatch(/^not well-formed XML/);
  });
});
