/**
 * Card numbers must never reach run history, logs or the dead-letter queue (PCI scope), yet they
 * can slip into an error message verbatim: a gateway echoing the request, a JSON parse error quoting
 * its input. Everything the engine stores about a failure passes through these helpers first.
 */

/** Runs of 13–19+ digits, optionally grouped by single spaces or dashes ("4111 1111 1111 1111"). */
const DIGIT_RUN = /(?<!\d)\d(?:[ -]?\d){12,}(?!\d)/g;

/** A letter, digit or underscore: what ids are made of. */
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Text ending in a label that names the number after it an identifier (`"order_id":"`,
 * `transaction id `, `orderId=`), so a Luhn-valid id quoted in a JSON body or a message is not
 * taken for a card number. Case matters for camelCase only: "paid" and "invalid" are no labels.
 */
const ID_LABEL =
  /(?:(?<![\p{L}\p{N}])(?:id|ids|ID|IDs|Id)|[\p{L}\p{N}][_-](?:id|ids|ID|Id)|[\p{Ll}\p{N}](?:Id|Ids|ID))["']?\s*[:=#]?\s*["']?$/u;

/** Keys whose values are secrets whatever they look like. */
const SECRET_KEY =
  /pass(word|wd)?$|secret|token$|api[-_]?key|authori[sz]ation|^cvv2?$|^cvc2?$|^csc$|^enc_?key$|card_?number|^pan$/i;

const MAX_DEPTH = 8;

/** Luhn (mod 10) check, the checksum every payment card number carries. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function mask(digits: string): string {
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Whether a digit run is glued to the id before it: `shopify-order-1234…`, `…/Order/1234…`. */
function gluedBefore(text: string, at: number): boolean {
  const prev = text[at - 1];
  if (prev === undefined) return false;
  if (WORD_CHAR.test(prev) || prev === '/' || prev === '\\') return true;
  const before = text[at - 2];
  return (prev === '-' || prev === '.') && before !== undefined && WORD_CHAR.test(before);
}

/** Whether a digit run continues into a word after it: `1234…abc`, `1234…/refunds`, `1234….5`. */
function gluedAfter(text: string, at: number): boolean {
  const next = text[at];
  if (next === undefined) return false;
  if (WORD_CHAR.test(next) || next === '/' || next === '\\') return true;
  const after = text[at + 1];
  return (next === '-' || next === '.') && after !== undefined && WORD_CHAR.test(after);
}

/**
 * Masks a run of digit groups: the first contiguous span of groups (13–19 digits, Luhn-valid) is
 * replaced by stars and its last four digits; the groups around it are kept and searched again.
 * Trying spans rather than the whole run catches "4111 1111 1111 1111 12/25" and "order 12
 * 4111…", where a neighbouring number is glued to the card number by a separator. A span at an
 * end of the run that is glued to a word or path there is part of an id and stays as it is.
 */
function maskRun(
  run: string,
  edges: { readonly open: boolean; readonly close: boolean } = { open: true, close: true },
): string {
  const parts = run.split(/([ -])/);
  const groups = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  for (let start = edges.open ? 0 : 1; start < groups.length; start++) {
    for (let end = edges.close ? groups.length : groups.length - 1; end > start; end--) {
      const digits = groups.slice(start, end).join('');
      if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) continue;
      const join = (from: number, to: number): string =>
        groups
          .slice(from, to)
          .map((g, i) => (i === 0 ? g : `${seps[from + i - 1]}${g}`))
          .join('');
      const before = start > 0 ? `${join(0, start)}${seps[start - 1]}` : '';
      const after =
        end < groups.length
          ? `${seps[end - 1]}${maskRun(join(end, groups.length), { open: true, close: edges.close })}`
          : '';
      return `${before}${mask(digits)}${after}`;
    }
  }
  return run;
}

/**
 * Masks what looks like a card number down to its last four digits (`4111111111111111` becomes
 * `************1111`): a 13–19 digit sequence, written whole or grouped by spaces or dashes, that
 * passes the Luhn check and stands on its own in the text. Digits that are part of an id stay
 * readable, because operators need them to find the order: the tail of a word or path
 * (`shopify-order-820982911946154508`, `gid://shopify/Order/820982911946154508`, `txn_…`), or a
 * value labelled as an id (`"order_id":"…"`, `transaction id …`). A bare long number that passes
 * Luhn is still masked: nothing tells it from a card.
 */
export function redactSecrets(text: string): string {
  return text.replace(DIGIT_RUN, (run: string, offset: number, whole: string) => {
    const label = whole.slice(Math.max(0, offset - 64), offset);
    const open = !gluedBefore(whole, offset) && !ID_LABEL.test(label);
    const close = !gluedAfter(whole, offset + run.length);
    return maskRun(run, { open, close });
  });
}

/** Whether an object key names an identifier (`id`, `order_id`, `transactionId`). */
function isIdKey(key: string): boolean {
  return ID_LABEL.test(key);
}

/**
 * Makes error details safe and storable: strings are redacted, integers that look like card
 * numbers are masked, values under secret-looking keys (password, token, cvv…) are replaced,
 * errors become `{ name, message }`, and cycles or deep nesting are cut off, so a store can
 * serialise the result as JSON without surprises.
 */
export function redactDetails(value: unknown): unknown {
  return sanitize(value, 0, new WeakSet());
}

/** A whole value made of digits: an id when its key says so. */
function isDigits(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'string' && /^\d+$/.test(value);
}

function sanitize(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value > 0) {
      const digits = String(value);
      if (digits.length >= 13 && passesLuhn(digits)) return mask(digits);
    }
    return value;
  }
  if (typeof value === 'bigint') return redactSecrets(value.toString());
  if (value === null || typeof value === 'boolean' || value === undefined) return value;
  if (typeof value !== 'object') return undefined; // functions, symbols
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      return { name: value.name, message: redactSecrets(value.message) };
    }
    if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        SECRET_KEY.test(key) && v != null
          ? '[REDACTED]'
          : isIdKey(key) && isDigits(v)
            ? v
            : sanitize(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
