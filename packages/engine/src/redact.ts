/**
 * Card numbers must never reach run history, logs or the dead-letter queue (PCI scope), yet they
 * can slip into an error message verbatim: a gateway echoing the request, a JSON parse error quoting
 * its input. Everything the engine stores about a failure passes through these helpers first.
 */

/** Runs of 13–19 digits, optionally grouped by single spaces or dashes ("4111 1111 1111 1111"). */
const DIGIT_RUN = /(?<!\d)\d(?:[ -]?\d){12,}(?!\d)/g;

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

/**
 * Masks a run of digit groups: the first contiguous span of groups (13–19 digits, Luhn-valid) is
 * replaced by stars and its last four digits; the groups around it are kept and searched again.
 * Trying spans rather than the whole run catches "4111 1111 1111 1111 12/25" and "order 12
 * 4111…", where a neighbouring number is glued to the card number by a separator.
 */
function maskRun(run: string): string {
  const parts = run.split(/([ -])/);
  const groups = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  for (let start = 0; start < groups.length; start++) {
    for (let end = groups.length; end > start; end--) {
      const digits = groups.slice(start, end).join('');
      if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) continue;
      const join = (from: number, to: number): string =>
        groups
          .slice(from, to)
          .map((g, i) => (i === 0 ? g : `${seps[from + i - 1]}${g}`))
          .join('');
      const before = start > 0 ? `${join(0, start)}${seps[start - 1]}` : '';
      const after =
        end < groups.length ? `${seps[end - 1]}${maskRun(join(end, groups.length))}` : '';
      return `${before}${mask(digits)}${after}`;
    }
  }
  return run;
}

/**
 * Masks every 13–19 digit sequence that passes the Luhn check down to its last four digits
 * (`4111111111111111` becomes `************1111`). Some long numeric ids that happen to pass
 * Luhn are masked too; that is the price of never leaking a card number.
 */
export function redactSecrets(text: string): string {
  return text.replace(DIGIT_RUN, maskRun);
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
      out[key] = SECRET_KEY.test(key) && v != null ? '[REDACTED]' : sanitize(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
