/**
 * The one check that keeps card numbers and security codes out of everything Paybridge stores
 * (events, run steps, samples, idempotency records, queue jobs). Every entry point runs it over
 * exactly what it is about to store: REST hooks (method, headers, query, body of any content
 * type, `Idempotency-Key`), Shopify deliveries, manual runs and pinned samples.
 *
 * Only what a field's name says is a card is looked at, never every long number: Shopify and
 * ERP ids are long digit strings that pass Luhn one time in ten. Free text (a `text/plain` body,
 * a multipart file) has no field names, so there a card word near the number stands for one.
 *
 * @module
 */
import { passesLuhn } from '@paybridge/engine';
import { textProblem } from './storable-text';

/** What a field name says about its value. */
type Kind = 'pan' | 'cvv' | 'key' | null;

/** Normalised names (lower case, letters and digits only) of fields holding a card number. */
const PAN_NAMES = new Set([
  'pan',
  'primaryaccountnumber',
  'card',
  'creditcard',
  'debitcard',
  'cc',
  'ccnum',
  'ccno',
  'ccnumber',
  'cardnum',
  'cardno',
  'cardnumber',
  'cardnbr',
  'acctnumber',
]);
/** Suffixes that make a longer name a card-number field (`payment_card_number`, `x-cc-num`). */
const PAN_SUFFIX = /(cardnumber|cardnum|cardno|ccnumber|ccnum|creditcard|debitcard)$/;
/** Names that hold a card number only inside something card-like (`card.number`). */
const BARE_NUMBER = new Set(['number', 'num', 'no', 'nbr', 'value']);
/** Normalised names of fields holding a card security code. */
const CVV_NAMES = new Set([
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'csc',
  'cid',
  'cvn',
  'securitycode',
  'cardcode',
  'cardsecuritycode',
  'cardverification',
  'cardverificationvalue',
  'cardverificationcode',
  'cardcvv',
  'cardcvc',
  'cardcsc',
  'cccvv',
  'cvvcode',
  'cvccode',
]);

/** Lower case, letters and digits only: `Card-Number`, `card_number`, `cardNumber` alike. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A key's segments: `card[number]`, `card.number` and `payment[card][cvv]` (form and query
 * keys) name nested fields, and are judged as such.
 */
function segmentsOf(key: string): string[] {
  const parts = key.split(/[[\].]+/).filter((p) => p.length > 0);
  return parts.length > 0 ? parts : [key];
}

/** Header names carry an `x-` prefix by habit: `X-Card-Number` is a card number field. */
function withoutXPrefix(name: string): string {
  return name.startsWith('x') && name.length > 1 ? name.slice(1) : name;
}

function kindOf(segments: readonly string[], cardContext: boolean): Kind {
  const n = normalise(segments[segments.length - 1] ?? '');
  const bare = withoutXPrefix(n);
  if (n === 'idempotencykey' || n === 'webhookid') return 'key';
  if (PAN_NAMES.has(n) || PAN_NAMES.has(bare) || PAN_SUFFIX.test(n)) return 'pan';
  if (CVV_NAMES.has(n) || CVV_NAMES.has(bare)) return 'cvv';
  const inCard =
    cardContext || segments.slice(0, -1).some((s) => /card|^cc$|creditcard/.test(normalise(s)));
  if (inCard && BARE_NUMBER.has(n)) return 'pan';
  return null;
}

/** Issuer prefixes and lengths of the card networks (Visa, Mastercard, Amex, Discover, JCB…). */
const NETWORK_PAN =
  /^(4\d{12}(\d{3}){0,2}|5[1-5]\d{14}|2[2-7]\d{14}|3[47]\d{13}|3[068]\d{12,14}|6\d{15,18}|35\d{14,17})$/;

/** Runs of digits, allowing the single spaces or dashes people type between groups. */
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;

/**
 * The 13–19 digit numbers a run of digit groups may hold: the whole run, and every sequence of
 * whole groups (`4111 1111 1111 1111 1230` holds `4111111111111111`).
 */
function* candidates(run: string): Generator<string> {
  const groups = run.split(/[ -]/);
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length && digits.length < 19; j++) {
      digits += groups[j];
      if (digits.length >= 13 && digits.length <= 19) yield digits;
    }
  }
}

/**
 * A Luhn-valid 13–19 digit number in a value under a card-number field: the whole value
 * (`4111-1111-1111-1111`) or a run inside text (`visa 4111 1111 1111 1111 exp 12/30`). `network`
 * (a value whose name does not say card: an idempotency key) also asks for a card network's
 * issuer prefix and length, so an order id used as a key is not refused for passing Luhn.
 */
function holdsPan(value: string, network: boolean): boolean {
  for (const m of value.matchAll(DIGIT_RUN)) {
    if (m[0].length < 13) continue;
    for (const digits of candidates(m[0])) {
      if (network && !NETWORK_PAN.test(digits)) continue;
      if (passesLuhn(digits)) return true;
    }
  }
  return false;
}

/** A 3–4 digit value, as a security code is written. */
function holdsCvv(value: string): boolean {
  return /^\s*\d{3,4}\s*$/.test(value);
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}

/** An object or array being walked: where it sits and what its name says. */
interface Frame {
  parent: Frame | null;
  /** Its key under the parent (the root's: the root path). */
  key: string;
  kind: Kind;
  cardContext: boolean;
  /** Array elements or object keys, and the next one to look at. */
  array: readonly unknown[] | null;
  object: Record<string, unknown> | null;
  keys: readonly string[];
  next: number;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** The dotted path of a frame, or of one of its children; built only when something is found. */
function pathOf(frame: Frame, child?: string): string {
  const keys: string[] = child === undefined ? [] : [child];
  for (let f: Frame | null = frame; f; f = f.parent) keys.push(f.key);
  let path = '';
  for (let i = keys.length - 1; i >= 0; i--) path = join(path, keys[i]!);
  return path;
}

/** What a field name means under a card-like parent or not; keys repeat, so each is read once. */
type KeyMeaning = { kind: Kind; cardish: boolean };

function meaningOf(key: string, cardContext: boolean, memo: Map<string, KeyMeaning>): KeyMeaning {
  const memoKey = cardContext ? `1${key}` : `0${key}`;
  let meaning = memo.get(memoKey);
  if (!meaning) {
    const segments = segmentsOf(key);
    meaning = {
      kind: kindOf(segments, cardContext),
      cardish: segments.some((s) => /card|^cc$|creditcard/.test(normalise(s))),
    };
    memo.set(memoKey, meaning);
  }
  return meaning;
}

const NO_MEANING: KeyMeaning = { kind: null, cardish: false };

/** What is wrong with a value about to be stored, found in one walk. */
export type StoredValueProblem =
  | { type: 'card'; path: string }
  /** `inKey`: a field name (at `path`, the object holding it) rather than a value. */
  | { type: 'text'; path: string; problem: string; inKey: boolean };

function scalarProblem(
  v: unknown,
  kind: Kind,
  checkText: boolean,
  path: () => string,
): StoredValueProblem | null {
  if (checkText && typeof v === 'string') {
    const problem = textProblem(v);
    if (problem) return { type: 'text', path: path(), problem, inKey: false };
  }
  if (kind === null) return null;
  const text = scalarText(v);
  if (text === null) return null;
  if (
    (kind === 'pan' && holdsPan(text, false)) ||
    (kind === 'key' && holdsPan(text, true)) ||
    (kind === 'cvv' && holdsCvv(text))
  ) {
    return { type: 'card', path: path() };
  }
  return null;
}

/**
 * The one walk over a value about to be stored: card data by field name (see
 * {@link findCardData}) and, with `checkText`, text Postgres cannot store (see
 * `textProblem`), in document order. Iterative with no depth cut-off; scalars are looked at in
 * place and paths are built only for what is found, so a large body of numbers costs one pass.
 */
function scanStored(
  value: unknown,
  root: string,
  checkText: boolean,
  checkCards = true,
): StoredValueProblem | null {
  if (value === null || typeof value !== 'object') {
    return scalarProblem(value, null, checkText, () => root);
  }
  const memo = new Map<string, KeyMeaning>();
  const seen = new Set<object>();
  const frameOf = (
    v: object,
    parent: Frame | null,
    key: string,
    kind: Kind,
    cardContext: boolean,
  ): Frame => {
    seen.add(v);
    const array = Array.isArray(v) ? (v as unknown[]) : null;
    const object = array ? null : (v as Record<string, unknown>);
    return {
      parent,
      key,
      kind,
      cardContext,
      array,
      object,
      keys: object ? Object.keys(object) : [],
      next: 0,
    };
  };
  const stack: Frame[] = [frameOf(value, null, root, null, false)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const { array, object } = frame;
    if (array) {
      if (frame.next >= array.length) {
        stack.pop();
        continue;
      }
      const i = frame.next++;
      const child = array[i];
      if (child !== null && typeof child === 'object') {
        if (!seen.has(child)) {
          stack.push(frameOf(child, frame, String(i), frame.kind, frame.cardContext));
        }
        continue;
      }
      if (frame.kind === null && typeof child !== 'string') continue;
      const found = scalarProblem(child, frame.kind, checkText, () => pathOf(frame, String(i)));
      if (found) return found;
      continue;
    }
    if (frame.next >= frame.keys.length) {
      stack.pop();
      continue;
    }
    const key = frame.keys[frame.next++]!;
    if (checkText) {
      const problem = textProblem(key);
      if (problem) return { type: 'text', path: pathOf(frame), problem, inKey: true };
    }
    const meaning = checkCards ? meaningOf(key, frame.cardContext, memo) : NO_MEANING;
    // Whatever sits under a card field is card data, however it is wrapped.
    const kind = meaning.kind ?? (frame.kind === 'key' ? null : frame.kind);
    const child = object![key];
    if (child !== null && typeof child === 'object') {
      if (!seen.has(child)) {
        stack.push(frameOf(child, frame, key, kind, frame.cardContext || meaning.cardish));
      }
      continue;
    }
    const found = scalarProblem(child, kind, checkText, () => pathOf(frame, key));
    if (found) return found;
  }
  return null;
}

/**
 * Finds card data in a value about to be stored: a Luhn-valid 13–19 digit number under a field
 * whose name says card number (case, `-`, `_`, brackets and spaces ignored: `card[number]`,
 * `card-number`, `cardNumber`, `ccnum`, `pan`…; `number` inside a card-like object), a 3–4
 * digit value under a security-code field (`cvv`, `cvc`, `csc`, `security_code`…), or a card
 * number in an `Idempotency-Key`. Arrays take the name of the field that holds them, and the walk
 * is iterative with no depth cut-off, so neither nesting nor wrapping hides a value. Returns the
 * path of the first offending field (under `root`, never the value), or null.
 */
export function findCardData(value: unknown, root = ''): string | null {
  return scanStored(value, root, false)?.path ?? null;
}

/**
 * Card data (as {@link findCardData} finds it) or text Postgres cannot store (a NUL, an
 * unpaired surrogate, in a value or a field name), whichever comes first in the value, in one
 * walk: ingress checks a large body once instead of once per rule.
 */
export function findStoredValueProblem(value: unknown, root = ''): StoredValueProblem | null {
  return scanStored(value, root, true);
}

/** Only text Postgres cannot store, for values that are not checked for card data. */
export function findUnstorableText(
  value: unknown,
  root = '',
): Extract<StoredValueProblem, { type: 'text' }> | null {
  const problem = scanStored(value, root, true, false);
  return problem?.type === 'text' ? problem : null;
}

/** A card word (`card`, `cc`, `pan`, `credit`) within a few characters before a number. */
const CARD_WORD_BEFORE = /(card|credit|\bcc|ccnum|\bpan\b|acct)[^\d]{0,24}$/i;
/** A security-code word right before a 3–4 digit code. */
const CVV_IN_TEXT =
  /\b(cvv2?|cvc2?|csc|cvn|security[\s_-]*code|card[\s_-]*code)\b[^\w\n]{0,6}\d{3,4}\b/i;
/**
 * Finds card data in free text with no field names (a `text/plain` body, a multipart file): a
 * Luhn-valid 13–19 digit number right after a card word, or one shaped like a card network's
 * number (issuer prefix and length) on its own, or a security code right after its name.
 * Returns a description of what was found (never the value), or null.
 */
export function findCardDataInText(text: string): string | null {
  if (CVV_IN_TEXT.test(text)) return 'a card security code';
  for (const m of text.matchAll(DIGIT_RUN)) {
    if (m[0].length < 13) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (holdsPan(m[0], !CARD_WORD_BEFORE.test(before))) return 'a card number';
  }
  return null;
}
