import { describe, expect, it } from 'vitest';
import { statementFormatOf } from './statement-format';

describe('statementFormatOf', () => {
  it('recognises the three formats by name, whatever the case', () => {
    expect(statementFormatOf('march.CSV')).toBe('csv');
    expect(statementFormatOf('export.ofx')).toBe('ofx');
    expect(statementFormatOf('export.QFX')).toBe('ofx');
    expect(statementFormatOf('camt053_2026-03-02.xml')).toBe('camt053');
    expect(statementFormatOf('stmt.camt.053')).toBe('camt053');
  });

  it('says nothing for a name without a hint', () => {
    expect(statementFormatOf('statement.txt')).toBeNull();
    expect(statementFormatOf('statement')).toBeNull();
  });
});
