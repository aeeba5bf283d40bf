import { describe, expect, it } from 'vitest';
import { parsePaytraceAmount, paytraceMoney, toPaytraceAmount } from './money';

const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('toPaytraceAmount', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [99, '0.99'],
    [100, '1.00'],
    [1050, '10.50'],
    [123456789012, '1234567890.12'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('writes %i minor units as %s', (minor, text) => {
    expect(toPaytraceAmount(usd(minor))).toBe(text);
  });

  it('refuses negative, fractional and unsafe amounts', () => {
    for (const minor of [-1, 1.5, 0.1 + 0.2, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity]) {
      expect(() => toPaytraceAmount(usd(minor)), String(minor)).toThrow(
        expect.objectContaining({ code: 'AMOUNT_INVALID', errorClass: 'permanent' }),
      );
    }
  });

  it('refuses any currency but USD', () => {
    for (const currency of ['EUR', 'usd', 'JPY', '']) {
      expect(() => toPaytraceAmount({ minor: 100, currency })).toThrow(
        expect.objectContaining({ code: 'CURRENCY_UNSUPPORTED', errorClass: 'permanent' }),
      );
    }
  });
});

describe('parsePaytraceAmount', () => {
  it.each<[unknown, number]>([
    [110, 11000],
    ['8.10', 810],
    [8.1, 810],
    [51.88, 5188],
    ['0.29', 29],
    [0, 0],
    ['0', 0],
    ['1234567890.12', 123456789012],
    [1234567890.12, 123456789012],
    ['-3.5', -350],
    [' 2.00 ', 200],
  ])('reads %j as %i minor units', (value, minor) => {
    expect(parsePaytraceAmount(value)).toBe(minor);
  });

  it('refuses what is not a plain decimal with at most two fraction digits', () => {
    for (const value of [
      0.1 + 0.2,
      '1.005',
      '1e3',
      1e21,
      '1,000.00',
      '$1.00',
      '',
      null,
      undefined,
      true,
      NaN,
      '.5',
      '5.',
    ]) {
      expect(parsePaytraceAmount(value), String(value)).toBeUndefined();
    }
  });

  it('round-trips every written amount', () => {
    for (const minor of [0, 1, 99, 100, 1050, 123456789012]) {
      expect(parsePaytraceAmount(toPaytraceAmount(usd(minor)))).toBe(minor);
    }
  });

  it('gives USD money or null', () => {
    expect(paytraceMoney('8.10')).toEqual({ minor: 810, currency: 'USD' });
    expect(paytraceMoney('')).toBeNull();
  });
});
