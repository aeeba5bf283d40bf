/**
 * A small RFC 4180 reader for the CSV files finance people upload (bank exports, the processor's
 * fee statement): quoted cells with doubled quotes and line breaks inside, CRLF or LF, a comma,
 * semicolon or tab as separator (detected from the first non-empty line when not given). Every
 * row keeps the 1-based line it starts on, so an error can name the line a person sees in an
 * editor. Browser-safe; no cell is ever turned into a number here.
 *
 * @module
 */

/** One record of a CSV file and the line it starts on. */
export interface CsvRow {
  readonly line: number;
  readonly cells: string[];
}

/** Separators a statement export uses. */
export type CsvDelimiter = ',' | ';' | '\t';

/** Rows of a CSV text, or the line where a quote was left open. */
export interface CsvRead {
  readonly rows: CsvRow[];
  readonly delimiter: CsvDelimiter;
  readonly error?: { line: number; message: string };
}

/**
 * Splits CSV text into rows of cells. Blank lines are dropped; a leading byte-order mark is
 * ignored. An unterminated quoted cell ends reading with an error at the line it opened on.
 */
export function readCsv(text: string, delimiter?: CsvDelimiter): CsvRead {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const sep = delimiter ?? detectDelimiter(source);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let cellStarted = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '' || cellStarted)
      rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
      cellStarted = true;
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) {
    return {
      rows,
      delimiter: sep,
      error: { line: quoteLine, message: 'a quoted cell is never closed (missing ")' },
    };
  }
  if (cell !== '' || cells.length > 0) endRow();
  return { rows, delimiter: sep };
}

/** The separator occurring most often outside quotes on the first non-empty line. */
function detectDelimiter(text: string): CsvDelimiter {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}
