/**
 * How Paybridge references look inside QuickBooks, which has no idempotency keys: a DocNumber
 * (at most 21 characters) derived from the reference, and a PrivateNote carrying the full
 * reference, found again through the query language.
 *
 * @module
 */

const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789';

/** A 21-character-safe DocNumber for a reference: itself when it fits, else a hash. */
export function docNumberFor(ref: string): string {
  if (ref.length <= 21) return ref;
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(ref)) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  let out = 'PB';
  for (let i = 0; i < 13; i++) {
    out += ALPHABET[Number(hash & 31n)];
    hash >>= 5n;
  }
  return out;
}

/** The PrivateNote marking a document Paybridge posted for `ref`. */
export function noteFor(kind: string, ref: string, fields: Record<string, string> = {}): string {
  const extra = Object.entries(fields).map(([k, v]) => `;${k}=${encodeURIComponent(v)}`);
  return `paybridge:${kind}:${ref}${extra.join('')}`;
}

/** Reads a PrivateNote written by {@link noteFor}; null for anything else. */
export function parseNote(
  note: unknown,
): { kind: string; ref: string; fields: Record<string, string> } | null {
  if (typeof note !== 'string' || !note.startsWith('paybridge:')) return null;
  const [head, ...rest] = note.split(';');
  const match = /^paybridge:([a-z-]+):(.+)$/.exec(head!);
  if (!match) return null;
  const fields: Record<string, string> = {};
  for (const part of rest) {
    const at = part.indexOf('=');
    if (at > 0) fields[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1));
  }
  return { kind: match[1]!, ref: match[2]!, fields };
}

/** Quotes a value for the query language (`'` escaped as `\'`). */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The customer DisplayName: the name with the reference, which keeps it unique and findable. */
export function displayNameFor(name: string, ref: string): string {
  return `${name.slice(0, 400)} [${ref}]`;
}

/** The reference at the end of a DisplayName written by {@link displayNameFor}. */
export function refFromDisplayName(display: unknown): string | null {
  if (typeof display !== 'string') return null;
  return /\[([^\]]+)\]$/.exec(display)?.[1] ?? null;
}
