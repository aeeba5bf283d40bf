import { describe, expect, it } from 'vitest';
import { parseStatement } from './parse-statement';

describe('CSV statements', () => {
  it('reads a Chase-style export: signed amounts, MM/DD/YYYY, trailing empty cells', () => {
    const csv = [
      'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,',
      'CREDIT,01/05/2026,"PAYTRACE DEPOSIT BATCH 41",4210.55,ACH_CREDIT,10234.12,,',
      'DEBIT,01/05/2026,"ADOBE *ACROPRO, SAN JOSE",-19.99,DEBIT_CARD,6023.57,,',
      'CHECK,01/06/2026,"CHECK 1042",-250.00,CHECK_PAID,5773.57,1042,',
    ].join('\n');
    const parsed = parseStatement(csv, 'csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines).toEqual([
      {
        bookedOn: '2026-01-05',
        amount: 421055,
        currency: 'USD',
        reference: '',
        description: 'PAYTRACE DEPOSIT BATCH 41',
      },
      {
        bookedOn: '2026-01-05',
        amount: -1999,
        currency: 'USD',
        reference: '',
        description: 'ADOBE *ACROPRO, SAN JOSE',
      },
      {
        bookedOn: '2026-01-06',
        amount: -25000,
        currency: 'USD',
        reference: '1042',
        description: 'CHECK 1042',
      },
    ]);
  });

  it('skips the account preamble and reads separate debit and credit columns', () => {
    const csv = [
      'Account Name,Operating Account',
      'Account Number,****1234',
      '',
      'Date,Description,Reference,Withdrawals,Deposits,Balance',
      '2026-01-05,PAYTRACE MERCH DEP,B000041,,"4,210.55","14,210.55"',
      '2026-01-06,PAYROLL RUN,PR-77,"1,500.00",,"12,710.55"',
      '2026-01-07,FEE REVERSAL,,0.00,2.50,12713.05',
    ].join('\r\n');
    const parsed = parseStatement(csv, 'csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines.map((l) => [l.bookedOn, l.amount, l.reference])).toEqual([
      ['2026-01-05', 421055, 'B000041'],
      ['2026-01-06', -150000, 'PR-77'],
      ['2026-01-07', 250, ''],
    ]);
  });

  it('reads a European export: semicolons, decimal commas, DD.MM.YYYY, a currency column', () => {
    const csv =
      'Buchungstag;Verwendungszweck;Betrag;Währung\n05.01.2026;PAYTRACE SETTLEMENT;1.234,56;EUR\n06.01.2026;Miete;-800,00;EUR\n';
    expect(parseStatement(csv, 'csv').lines).toEqual([
      {
        bookedOn: '2026-01-05',
        amount: 123456,
        currency: 'EUR',
        reference: '',
        description: 'PAYTRACE SETTLEMENT',
      },
      {
        bookedOn: '2026-01-06',
        amount: -80000,
        currency: 'EUR',
        reference: '',
        description: 'Miete',
      },
    ]);
  });

  it('turns unsigned amounts by a CR/DR indicator column, with chosen columns and day-first dates', () => {
    const csv =
      'Value,Narrative,Sum,CR/DR\n05/01/2026,Card settlement,42.10,CR\n06/01/2026,Bank charge,3.00,DR\n';
    const parsed = parseStatement(csv, 'csv', {
      date: 'value',
      amount: 'Sum',
      dateOrder: 'DMY',
      defaultCurrency: 'GBP',
    });
    expect(parsed.lines.map((l) => [l.bookedOn, l.amount, l.currency, l.description])).toEqual([
      ['2026-01-05', 4210, 'GBP', 'Card settlement'],
      ['2026-01-06', -300, 'GBP', 'Bank charge'],
    ]);
  });

  it('reads a headerless export by column positions (Wells Fargo)', () => {
    const csv =
      '"01/05/2026","4210.55","*","","PAYTRACE DEPOSIT"\n"01/06/2026","-19.99","*","","ADOBE"\n';
    const parsed = parseStatement(csv, 'csv', {
      header: false,
      date: 1,
      amount: 2,
      description: 5,
    });
    expect(parsed.lines.map((l) => l.amount)).toEqual([421055, -1999]);
  });

  it('names every bad line and what is wrong with it', () => {
    const csv = [
      'Date,Description,Debit,Credit',
      '01/05/2026,OK,,10.00',
      '13/45/2026,BAD DATE,,10.00',
      '01/06/2026,BAD AMOUNT,,ten',
      '01/07/2026,BOTH,5.00,10.00',
      '01/08/2026,NEITHER,,',
      '01/09/2026,TOO PRECISE,,10.005',
    ].join('\n');
    const parsed = parseStatement(csv, 'csv');
    expect(parsed.lines).toHaveLength(1);
    expect(parsed.errors).toEqual([
      { line: 3, message: 'date "13/45/2026" is not a date (expected YYYY-MM-DD or MM/DD/YYYY)' },
      { line: 4, message: 'credit "ten" is not an amount' },
      { line: 5, message: 'both debit (5.00) and credit (10.00) hold an amount' },
      { line: 6, message: 'neither debit nor credit holds an amount' },
      { line: 7, message: 'credit "10.005" has more than 2 decimals for USD' },
    ]);
  });

  it('says which columns it looked for when there is no usable header', () => {
    const parsed = parseStatement('When,What,How much\n2026-01-05,x,1.00\n', 'csv');
    expect(parsed.lines).toEqual([]);
    expect(parsed.errors[0]?.line).toBe(1);
    expect(parsed.errors[0]?.message).toMatch(
      /^no header row names a booking date and an amount .*"posting date"/,
    );
    expect(parseStatement('a,b\n"1,2\n', 'csv').errors.at(-1)).toEqual({
      line: 2,
      message: 'a quoted cell is never closed (missing ")',
    });
  });
});
