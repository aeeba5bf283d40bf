import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from './args';

describe('fraud:eval options', () => {
  it('evaluates the default stream unless --seeds lists others', () => {
    expect(parseEvalArgs([], 17)).toEqual({ seeds: [17], write: false });
    expect(parseEvalArgs(['--seeds', '1,2,3,17,99'], 17)).toEqual({
      seeds: [1, 2, 3, 17, 99],
      write: false,
    });
    expect(parseEvalArgs(['--write', '--seeds', '17'], 17)).toEqual({ seeds: [17], write: true });
  });

  it('says what is wrong with a bad list or an unknown option', () => {
    expect(() => parseEvalArgs(['--seeds'], 17)).toThrow(/comma-separated list/);
    expect(() => parseEvalArgs(['--seeds', '1;2'], 17)).toThrow(/got "1;2"/);
    expect(() => parseEvalArgs(['--seed', '3'], 17)).toThrow(/unknown option "--seed"/);
  });
});
