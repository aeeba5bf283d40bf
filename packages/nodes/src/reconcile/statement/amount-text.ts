/**
 * Amounts as bank exports write them: `1,234.56`, `-12.00`, `(12.00)`, `12.00-`, `$1,234.56`,
 * `1.234,56` (decimal comma), `12.00 CR` / `DR`. Read on the digits into integer minor units of
 * the statement's currency (through the ERP money helper), never through a float; more decimals
 * than the currency has are refused, not rounded.
 *
 * @module
 */
import { fromDecimal } from '../../erp/money';

/** The decimal mark of a statement's amounts; `auto` decides per amount. */
export type DecimalMark = '.' | ',' | 'auto';

/** Minor units, or a message saying why the text is not an amount. */
export type AmountRead = { minor: number } | { error: string };

const SYMBOLS = /[$€£¥₹₩₪₫₱₺₽¢]|\b[A-Z]{3}\b/g;

/** Reads one amount cell; an empty cell is an error the caller words. */
export function readAmount(raw: string, currency: string, mark: DecimalMark = 'auto'): AmountRead {
  let text = raw.trim().toUpperCase();
  let negative = false;
  const suffix = /\s*(CR|DR)$/.exec(text);
  if (suffix) {
    negative = suffix[1] === 'DR';
    text = text.slice(0, suffix.index);
  }
  if (/^\(.*\)$/.test(text)) {
    negative = !negative;
    text = text.slice(1, -1);
  }
  text = text.replace(SYMBOLS, '').replace(/[\s\u00a0'’]/g, '');
  if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) {
    return { error: `${JSON.stringify(raw.trim())} is not an amount` };
  }
  const decimal = mark === 'auto' ? guessMark(text) : mark;
  const thousands = decimal === '.' ? ',' : '.';
  const plain = text.split(thousands).join('').replace(decimal, '.');
  try {
    const minor = fromDecimal(plain, currency);
    return { minor: negative && minor !== 0 ? -minor : minor };
  } catch (err) {
    const message = (err as Error).message.replace(JSON.stringify(plain), '').trim();
    return { error: `${JSON.stringify(raw.trim())} ${message}` };
  }
}

/**
 * The decimal mark of one amount: the later of `.` and `,` when both occur; a lone `,` is a
 * decimal comma unless exactly three digits follow it (`1,234` is a thousand).
 */
function guessMark(text: string): '.' | ',' {
  const dot = text.lastIndexOf('.');
  const comma = text.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  if (comma >= 0) {
    const single = text.indexOf(',') === comma;
    return single && text.length - comma - 1 !== 3 ? ',' : '.';
  }
  return '.';
}
