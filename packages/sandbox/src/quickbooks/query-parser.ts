/**
 * The QuickBooks Online query language, parsed for real: a tokenizer and a small recursive-descent
 * parser for
 *
 *     SELECT * | COUNT(*) FROM Entity
 *       [WHERE Property Operator Value [AND ...]]
 *       [ORDERBY Property [ASC|DESC][, ...]]
 *       [STARTPOSITION n] [MAXRESULTS n]
 *
 * with the operators `=`, `<`, `>`, `<=`, `>=`, `LIKE` (only `%` as wildcard) and `IN (...)`.
 * Keywords are case-insensitive; `OR`, `JOIN`, `GROUP BY` and projections are refused as the
 * real service refuses them. Nothing here ever evaluates text as code.
 * @module
 */

/** A literal value: quoted text, a number or a boolean. */
export type QueryValue = string | number | boolean;

/** One `Property Operator Value` filter. */
export type Condition =
  | { property: string; op: '=' | '<' | '>' | '<=' | '>=' | 'LIKE'; value: QueryValue }
  | { property: string; op: 'IN'; values: QueryValue[] };

/** A parsed select statement. */
export interface ParsedQuery {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy: { property: string; descending: boolean }[];
  /** 1-based, as in the language. */
  startPosition: number;
  maxResults: number;
}

/** A query the service would refuse; the message becomes the fault's detail. */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'symbol'; text: string };

const SYMBOLS = ['<=', '>=', '=', '<', '>', '(', ')', ',', '*'];

/** Splits a statement into tokens; quoted strings use `'` with `\'` as the escaped quote. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new QuerySyntaxError('unterminated string literal');
        const c = text[i]!;
        if (c === '\\' && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', text: value });
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    } else {
      const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
      if (!symbol) throw new QuerySyntaxError(`unexpected character "${ch}" at ${i}`);
      tokens.push({ kind: 'symbol', text: symbol });
      i += symbol.length;
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  next(): Token {
    const token = this.tokens[this.pos++];
    if (!token) throw new QuerySyntaxError('unexpected end of query');
    return token;
  }
  atKeyword(word: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text.toUpperCase() === word;
  }
  keyword(word: string): void {
    if (!this.atKeyword(word)) {
      throw new QuerySyntaxError(`expected ${word} near "${this.peek()?.text ?? 'end'}"`);
    }
    this.pos++;
  }
  symbol(text: string): void {
    const t = this.next();
    if (t.kind !== 'symbol' || t.text !== text) {
      throw new QuerySyntaxError(`expected "${text}" near "${t.text}"`);
    }
  }
  identifier(): string {
    const t = this.next();
    if (t.kind !== 'word') throw new QuerySyntaxError(`expected a property name near "${t.text}"`);
    return t.text;
  }
  value(): QueryValue {
    const t = this.next();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word' && /^(true|false)$/i.test(t.text)) return /^true$/i.test(t.text);
    throw new QuerySyntaxError(`expected a value near "${t.text}"`);
  }
  integer(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) {
      throw new QuerySyntaxError(`expected a positive integer near "${t.text}"`);
    }
    return Number(t.text);
  }
}

function condition(p: Parser): Condition {
  const property = p.identifier();
  const t = p.next();
  if (t.kind === 'word' && t.text.toUpperCase() === 'IN') {
    p.symbol('(');
    const values = [p.value()];
    while (p.peek()?.text === ',') {
      p.next();
      values.push(p.value());
    }
    p.symbol(')');
    return { property, op: 'IN', values };
  }
  if (t.kind === 'word' && t.text.toUpperCase() === 'LIKE') {
    const value = p.value();
    if (typeof value !== 'string') throw new QuerySyntaxError('LIKE needs a quoted pattern');
    return { property, op: 'LIKE', value };
  }
  if (t.kind === 'symbol' && ['=', '<', '>', '<=', '>='].includes(t.text)) {
    return { property, op: t.text as '=' | '<' | '>' | '<=' | '>=', value: p.value() };
  }
  throw new QuerySyntaxError(`unsupported operator "${t.text}"`);
}

/** Parses a select statement, throwing {@link QuerySyntaxError} for anything else. */
export function parseQuery(text: string): ParsedQuery {
  const p = new Parser(tokenize(text));
  p.keyword('SELECT');
  let count = false;
  if (p.atKeyword('COUNT')) {
    p.next();
    p.symbol('(');
    p.symbol('*');
    p.symbol(')');
    count = true;
  } else {
    const t = p.next();
    if (t.text !== '*') throw new QuerySyntaxError('only SELECT * or SELECT COUNT(*) is supported');
  }
  p.keyword('FROM');
  const entity = p.identifier();
  const query: ParsedQuery = {
    count,
    entity,
    where: [],
    orderBy: [],
    startPosition: 1,
    maxResults: 100,
  };
  if (p.atKeyword('WHERE')) {
    p.next();
    query.where.push(condition(p));
    while (p.atKeyword('AND') || p.atKeyword('OR')) {
      if (p.atKeyword('OR')) throw new QuerySyntaxError('OR is not supported');
      p.next();
      query.where.push(condition(p));
    }
  }
  if (p.atKeyword('ORDERBY') || p.atKeyword('ORDER')) {
    if (p.atKeyword('ORDER')) {
      p.next();
      p.keyword('BY');
    } else p.next();
    do {
      if (p.peek()?.text === ',') p.next();
      const property = p.identifier();
      let descending = false;
      if (p.atKeyword('DESC') || p.atKeyword('ASC'))
        descending = p.next().text.toUpperCase() === 'DESC';
      query.orderBy.push({ property, descending });
    } while (p.peek()?.text === ',');
  }
  if (p.atKeyword('STARTPOSITION')) {
    p.next();
    query.startPosition = Math.max(1, p.integer());
  }
  if (p.atKeyword('MAXRESULTS')) {
    p.next();
    query.maxResults = Math.min(1000, p.integer());
  }
  const rest = p.peek();
  if (rest) throw new QuerySyntaxError(`unexpected "${rest.text}"`);
  return query;
}
