/**
 * OFX bank and credit-card statements, version 1.x (SGML: leaf elements are not closed, e.g.
 * `<TRNAMT>-12.34`) and 2.x (XML). The SGML body is made well-formed by closing each leaf on its
 * own line (so line numbers stay those of the file), then both versions are read by the XML
 * parser. Every `<STMTTRN>` becomes a bank line: `DTPOSTED`, signed `TRNAMT` in the statement's
 * `CURDEF` (or the transaction's own `CURRENCY`), `FITID` as reference, `NAME` and `MEMO` as text.
 *
 * @module
 */
import { isCurrencyCode } from '../../erp/currencies';
import { readAmount } from './amount-text';
import type { BankLine, ParsedStatement, StatementError } from './bank-line';
import { readDate } from './dates';
import {
  child,
  children,
  elementLines,
  lineAt,
  parseXml,
  textOf,
  type XmlNode,
} from './xml-document';

const TAG = /<(\/?)([A-Za-z][\w.]*)\s*(\/?)>/g;

/** Escapes `&` that starts no entity (`AT&T` in a 1.x payee name) and stray `>`. */
function escapeText(text: string): string {
  return text
    .replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi, '&amp;')
    .replace(/>/g, '&gt;');
}

/** Closes SGML leaf elements in place; already-closed elements are left as they are. */
export function closeSgmlLeaves(body: string): string {
  const tokens = [...body.matchAll(TAG)];
  let out = escapeText(body.slice(0, tokens[0]?.index ?? body.length));
  tokens.forEach((token, i) => {
    const end = token.index + token[0].length;
    const next = tokens[i + 1];
    const text = body.slice(end, next?.index ?? body.length);
    const opening = token[1] === '' && token[3] === '';
    const closedNext = next !== undefined && next[1] === '/' && next[2] === token[2];
    out += token[0];
    if (opening && text.trim() !== '' && !closedNext) {
      const value = text.trimEnd();
      out += `${escapeText(value)}</${token[2]}>${text.slice(value.length)}`;
    } else out += escapeText(text);
  });
  return out;
}

interface Found {
  trn: XmlNode;
  currency: string;
}

function collect(node: unknown, currency: string, found: Found[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, currency, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const here = textOf((node as XmlNode).CURDEF) || currency;
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key === 'BANKTRANLIST') {
      for (const trn of children(value, 'STMTTRN')) found.push({ trn, currency: here });
    } else collect(value, here, found);
  }
}

/** Reads an OFX 1.x or 2.x statement. */
export function parseOfx(text: string): ParsedStatement {
  const start = text.search(/<OFX>/i);
  if (start < 0)
    return {
      lines: [],
      errors: [{ line: 1, message: 'no <OFX> element: this is not an OFX file' }],
    };
  const padding = '\n'.repeat(lineAt(text, start) - 1);
  const xml = padding + closeSgmlLeaves(text.slice(start));
  const parsed = parseXml(xml, ['STMTTRN', 'STMTTRNRS', 'STMTRS', 'CCSTMTTRNRS', 'CCSTMTRS']);
  if ('error' in parsed) return { lines: [], errors: [parsed.error] };
  const found: Found[] = [];
  collect(parsed.doc, '', found);
  const at = elementLines(xml, 'STMTTRN');
  const lines: BankLine[] = [];
  const errors: StatementError[] = [];
  found.forEach(({ trn, currency }, i) => {
    const line = at[i] ?? 1;
    const read = readTransaction(trn, currency);
    if ('message' in read) errors.push({ line, message: read.message });
    else lines.push(read);
  });
  if (found.length === 0)
    errors.push({ line: 1, message: 'the OFX file holds no <STMTTRN> transactions' });
  return { lines, errors };
}

function readTransaction(trn: XmlNode, statementCurrency: string): BankLine | { message: string } {
  const problems: string[] = [];
  const posted = textOf(trn.DTPOSTED);
  const bookedOn = readDate(posted);
  if (!bookedOn) problems.push(`DTPOSTED ${JSON.stringify(posted)} is not a date`);
  const currency = (textOf(child(trn, 'CURRENCY')?.CURSYM) || statementCurrency).toUpperCase();
  let amount: number | undefined;
  if (!isCurrencyCode(currency)) {
    problems.push(
      currency === ''
        ? 'no currency (CURDEF) for this statement'
        : `currency ${JSON.stringify(currency)} is not an ISO 4217 code`,
    );
  } else {
    const raw = textOf(trn.TRNAMT);
    const read = readAmount(raw, currency, raw.includes(',') && !raw.includes('.') ? ',' : '.');
    if (raw === '') problems.push('TRNAMT is missing');
    else if ('error' in read) problems.push(`TRNAMT ${read.error}`);
    else amount = read.minor;
  }
  if (problems.length > 0 || amount === undefined || !bookedOn)
    return { message: problems.join('; ') };
  const reference = textOf(trn.FITID) || textOf(trn.REFNUM) || textOf(trn.CHECKNUM);
  const description = [textOf(trn.NAME), textOf(trn.MEMO)]
    .filter((t, i, all) => t !== '' && all.indexOf(t) === i)
    .join(' ');
  return { bookedOn, amount, currency, reference, description };
}
