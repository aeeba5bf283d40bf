import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FeeSchedule, feeFor, parseProcessorFeeCsv } from './fee-schedule';

const schedule = FeeSchedule.parse({
  currency: 'USD',
  default: { percentBp: 290, fixedMinor: 30 },
  brands: { amex: { percentBp: 350, fixedMinor: 10 }, Discover: { percentBp: 250, fixedMinor: 0 } },
});

describe('feeFor', () => {
  it('applies the brand rate, else the default, rounding half up per transaction', () => {
    expect(feeFor(schedule, 'VISA', 1050)).toBe(30 + 30); // 30.45 → 30
    expect(feeFor(schedule, 'MASTERCARD', 1000)).toBe(29 + 30);
    expect(feeFor(schedule, 'AMEX', 1000)).toBe(35 + 10);
    expect(feeFor(schedule, 'American Express', 1000)).toBe(45);
    expect(feeFor(schedule, 'discover', 100)).toBe(3); // 2.5 → 3 (half up)
    expect(feeFor(schedule, 'visa', 0)).toBe(30);
  });

  it('is exact for any safe amount (no float drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        const fee = feeFor(schedule, 'visa', amount);
        const exact = (BigInt(amount) * 290n + 5000n) / 10000n + 30n;
        return Number.isSafeInteger(fee) && BigInt(fee) === exact;
      }),
    );
  });

  it('refuses negative or fractional amounts and malformed schedules', () => {
    expect(() => feeFor(schedule, 'visa', -1)).toThrow(/non-negative integer/);
    expect(() => feeFor(schedule, 'visa', 1.5)).toThrow(/non-negative integer/);
    expect(
      FeeSchedule.safeParse({ currency: 'USD', default: { percentBp: 2.9, fixedMinor: 30 } })
        .success,
    ).toBe(false);
  });
});

describe('parseProcessorFeeCsv', () => {
  it('reads fees per transaction id, adding rows of the same transaction', () => {
    const csv = [
      'Batch Number,Transaction ID,Card Type,Amount,Interchange Fee,Total Fees',
      '41,125391300,VISA,105.00,1.80,3.35',
      '41,125391301,AMEX,"1,000.00",20.00,"$35.10"',
      '41,125391300,VISA,105.00,0.00,0.05',
    ].join('\r\n');
    const fees = parseProcessorFeeCsv(csv);
    expect(fees.errors).toEqual([]);
    expect(Object.fromEntries(fees.byTransactionId)).toEqual({
      '125391300': 340,
      '125391301': 3510,
    });
  });

  it('adds up several fee columns when there is no total, and reads deductions as magnitudes', () => {
    const fees = parseProcessorFeeCsv('TransactionID;Markup fee;Network fee\n7;-0,30;-0,05\n');
    expect(fees.byTransactionId.get('7')).toBe(35);
  });

  it('names each bad line and keeps the good ones', () => {
    const fees = parseProcessorFeeCsv('Transaction ID,Fee\n1,0.59\n,0.10\n3,abc\n4,0.125\n');
    expect(fees.byTransactionId).toEqual(new Map([['1', 59]]));
    expect(fees.errors).toEqual([
      { line: 3, message: 'the transaction id is empty' },
      { line: 4, message: 'Fee: "abc" is not an amount' },
      { line: 5, message: 'Fee: "0.125" has more than 2 decimals for USD' },
    ]);
  });

  it('says which columns are missing', () => {
    expect(parseProcessorFeeCsv('Date,Amount\n2026-01-02,1.00').errors).toEqual([
      {
        line: 1,
        message: 'the header row has no a transaction id and a fee column (found: Date, Amount)',
      },
    ]);
  });
});
