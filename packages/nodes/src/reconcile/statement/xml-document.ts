/**
 * The XML side shared by OFX 2.x and camt.053: a well-formedness check that names the line of the
 * first fault, refusal of DOCTYPE declarations (no entity expansion from uploaded files), and a
 * parser configured to keep every value as text (amounts are read from their digits later, never
 * as numbers) with namespace prefixes removed. Also locates the n-th occurrence of an element so
 * errors point at the line a person sees.
 *
 * @module
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { StatementError } from './bank-line';

/** A parsed XML document as plain objects (`@_` attributes, `#text` for mixed content). */
export type XmlNode = Record<string, unknown>;

/** Parses XML into objects, or answers the error and the line it is on. */
export function parseXml(
  text: string,
  arrays: readonly string[],
): { doc: XmlNode } | { error: StatementError } {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return {
      error: {
        line: lineAt(text, text.search(/<!DOCTYPE|<!ENTITY/i)),
        message: 'DOCTYPE and ENTITY declarations are not accepted',
      },
    };
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return {
      error: {
        line: Math.max(1, valid.err.line),
        message: `not well-formed XML: ${valid.err.msg}`,
      },
    };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => arrays.includes(name),
  });
  return { doc: parser.parse(text) as XmlNode };
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Lines of every opening `<name>` (any namespace prefix), in document order. */
export function elementLines(text: string, name: string): number[] {
  const lines: number[] = [];
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s>/])`, 'g');
  let line = 1;
  let scanned = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    for (let i = scanned; i < m.index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
    scanned = m.index;
    lines.push(line);
  }
  return lines;
}

/** Text of a leaf (`'x'`, or `{'#text': 'x'}` when it has attributes), else `''`. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object' && '#text' in value)
    return String((value as XmlNode)['#text']).trim();
  return '';
}

/** A child object, or `undefined`. */
export function child(node: unknown, name: string): XmlNode | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as XmlNode)[name];
  if (Array.isArray(value)) return value[0] as XmlNode | undefined;
  return value && typeof value === 'object' ? (value as XmlNode) : undefined;
}

/** Children of a repeated element as an array. */
export function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  if (Array.isArray(value)) return value as XmlNode[];
  return value === undefined || value === '' ? [] : [value as XmlNode];
}
