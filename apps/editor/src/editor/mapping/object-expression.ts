import { fieldStep } from './path-writer';

/** One `"key": expression` pair of an object constructor. */
export interface MappedField {
  key: string;
  expression: string;
}

/**
 * Splits a JSONata object constructor (`{ "a": x, "b": y }`) into its pairs, so the mapping
 * editor can show one target per key. Returns null for anything else (a path, a function, a
 * constructor with computed keys): those are edited as text only.
 */
export function parseObjectExpression(source: string): MappedField[] | null {
  const text = source.trim();
  if (text === '') return [];
  if (!text.startsWith('{') || !text.endsWith('}')) return null;
  const body = text.slice(1, -1);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '"' || ch === "'" || ch === '`') {
      const close = body.indexOf(ch, i + 1);
      if (close < 0) return null;
      // Escaped quotes inside strings: skip past each backslash-escaped one.
      let end = close;
      while (ch !== '`' && body[end - 1] === '\\') {
        end = body.indexOf(ch, end + 1);
        if (end < 0) return null;
      }
      i = end;
    } else if (ch === '/' && body[i + 1] === '*') {
      const close = body.indexOf('*/', i + 2);
      if (close < 0) return null;
      i = close + 1;
    } else if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return null;
  }
  if (depth !== 0) return null;
  parts.push(body.slice(start));
  const fields: MappedField[] = [];
  for (const part of parts) {
    if (part.trim() === '') continue;
    const match = /^\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*:([\s\S]*)$/.exec(part);
    if (!match) return null;
    const quoted = match[1] as string;
    const key = quoted.startsWith('"')
      ? (JSON.parse(quoted) as string)
      : quoted.slice(1, -1).replace(/\\'/g, "'");
    fields.push({ key, expression: (match[2] as string).trim() });
  }
  return fields;
}

/** Writes pairs back as a readable object constructor, one key per line. */
export function writeObjectExpression(fields: readonly MappedField[]): string {
  if (fields.length === 0) return '{}';
  const lines = fields.map((f) => `  ${JSON.stringify(f.key)}: ${f.expression.trim() || 'null'}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** A key for a new field named after the dragged source, not clashing with existing ones. */
export function newFieldKey(label: string, taken: readonly string[]): string {
  const base = label.replace(/[[\]]/g, '').trim() || 'field';
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}_${i}`)) return `${base}_${i}`;
}

/** For display only: how a key reads inside a path. */
export const keyAsStep = fieldStep;
