import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv';

describe('readCsv', () => {
  it('keeps quoted separators, doubled quotes and line breaks inside cells', () => {
    const read = readCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n\nlast,,\n');
    expect(read.rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 5, cells: ['last', '', ''] },
    ]);
  });

  it('detects semicolons and tabs, and ignores a byte-order mark', () => {
    expect(readCsv('\uFEFFDatum;Betrag\n01.02.2026;"1.234,56"').rows[1]?.cells).toEqual([
      '01.02.2026',
      '1.234,56',
    ]);
    expect(readCsv('a\tb\n1\t2').delimiter).toBe('\t');
  });

  it('names the line where a quote was left open', () => {
    expect(readCsv('a,b\n1,2\n"open,3\n4,5').error).toEqual({
      line: 3,
      message: 'a quoted cell is never closed (missing ")',
    });
  });
});
