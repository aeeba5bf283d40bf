import { describe, expect, it } from 'vitest';
import { copyName } from './copy-name';

describe('copyName', () => {
  it('keeps a free name, appends (copy) to a taken one, then counts', () => {
    expect(copyName('Orders', ['Refunds'])).toBe('Orders');
    expect(copyName('Orders', ['Orders'])).toBe('Orders (copy)');
    expect(copyName('Orders', ['Orders', 'Orders (copy)'])).toBe('Orders (copy 2)');
    expect(copyName('Orders (copy)', ['Orders', 'Orders (copy)'])).toBe('Orders (copy 2)');
  });

  it('stays within 200 characters', () => {
    const long = 'x'.repeat(200);
    const name = copyName(long, [long]);
    expect(name).toHaveLength(200);
    expect(name.endsWith(' (copy)')).toBe(true);
  });
});
