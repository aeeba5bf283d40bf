import { describe, expect, it } from 'vitest';
import { describeReason, reasonInWords } from './reason-codes';

describe('reason codes in words', () => {
  it('names each scheme’s codes and keeps the code beside the words', () => {
    expect(reasonInWords('10.4')).toBe('Other fraud, card absent (10.4)');
    expect(reasonInWords('4837')).toBe('No cardholder authorization (4837)');
    expect(reasonInWords('c08')).toBe('Goods or services not received (c08)');
    expect(reasonInWords('UA02')).toBe('Fraud, card not present (UA02)');
    expect(describeReason('13.1')).toEqual({
      scheme: 'visa',
      text: 'Merchandise or services not received',
    });
  });

  it('turns Shopify’s reason slugs into words without repeating the slug', () => {
    expect(reasonInWords('product_not_received')).toBe('Product not received');
    expect(reasonInWords('fraudulent')).toBe('Fraudulent, not authorized by the cardholder');
  });

  it('shows an unknown code as it came, and says when there is none', () => {
    expect(reasonInWords('ZZ9')).toBe('ZZ9');
    expect(reasonInWords('processor_specific')).toBe('processor specific');
    expect(reasonInWords('')).toBe('No reason given');
    expect(reasonInWords(null)).toBe('No reason given');
  });
});
