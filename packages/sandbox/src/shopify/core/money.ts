/**
 * Exact money for the store: amounts are integer minor units (cents, or yen for zero-decimal
 * currencies) inside the simulator and decimal strings outside, as Shopify writes them. No
 * floating point is used anywhere: inputs are parsed from their decimal text, tax is computed
 * with bigint arithmetic, and splits use the largest-remainder method so parts add up.
 * @module
 */

/** Minor-unit digits of the currencies the simulator knows (ISO 4217). */
export const CURRENCY_DIGITS: Readonly<Record<string, number>> = {
  USD: 2,
  CAD: 2,
  EUR: 2,
  GBP: 2,
  AUD: 2,
  NZD: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  MXN: 2,
  INR: 2,
  JPY: 0,
  KRW: 0,
};

/** Whether the simulator knows the currency. */
export function isKnownCurrency(code: string): boolean {
  return Object.hasOwn(CURRENCY_DIGITS, code);
}

function digitsOf(currency: string): number {
  return CURRENCY_DIGITS[currency] ?? 2;
}

/**
 * Parses a decimal amount (string, or a JSON number read through its shortest text) into minor
 * units of `currency`. Refuses signs, exponents and more fraction digits than the currency has.
 * Trailing zero fraction digits beyond the currency's are accepted (`"10.000"` USD is 1000).
 */
export function parseMinor(value: unknown, currency: string): number | undefined {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return undefined;
  const match = /^(0|[1-9]\d{0,12})(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const digits = digitsOf(currency);
  let fraction = match[2] ?? '';
  while (fraction.length > digits && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  if (fraction.length > digits) return undefined;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** REST style: exactly the currency's digits (`"199.00"`, `"1500"` for JPY). */
export function formatFixed(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

/**
 * GraphQL `Decimal` style: at least one fraction digit, trailing zeros dropped (`"199.0"`,
 * `"11.5"`, `"0.0"`), as Shopify's GraphQL answers show; `fixed` gives the REST form instead.
 */
export function formatDecimal(minor: number, currency: string, style: 'trimmed' | 'fixed'): string {
  const fixed = formatFixed(minor, currency);
  if (style === 'fixed') return fixed;
  if (!fixed.includes('.')) return `${fixed}.0`;
  const trimmed = fixed.replace(/0+$/, '');
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed;
}

/**
 * Parses a tax rate given as decimal text (`"0.0825"`) into an exact fraction, or `undefined`.
 */
export function parseRate(value: unknown): { numerator: bigint; denominator: bigint } | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = /^(0|[1-9]\d*)(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  return {
    numerator: BigInt(`${match[1]}${fraction}`),
    denominator: 10n ** BigInt(fraction.length),
  };
}

/** `minor × rate`, rounded half up to a whole minor unit (bigint arithmetic, no floats). */
export function applyRate(minor: number, rate: { numerator: bigint; denominator: bigint }): number {
  const product = BigInt(minor) * rate.numerator * 2n + rate.denominator;
  return Number(product / (rate.denominator * 2n));
}

/**
 * The tax contained in a tax-inclusive amount: `minor × rate / (1 + rate)`, rounded half up.
 */
export function includedTax(
  minor: number,
  rate: { numerator: bigint; denominator: bigint },
): number {
  const divisor = (rate.denominator + rate.numerator) * 2n;
  return Number((BigInt(minor) * rate.numerator * 2n + divisor / 2n) / divisor);
}

/** `minor × part / whole`, rounded half up (for pro-rata refunds of line values). */
export function prorate(minor: number, part: number, whole: number): number {
  if (whole <= 0) return 0;
  const numerator = BigInt(minor) * BigInt(part) * 2n + BigInt(whole);
  return Number(numerator / (BigInt(whole) * 2n));
}

/**
 * Splits `total` minor units over `weights` in proportion, largest remainder first, so that the
 * parts sum exactly to `total`. All-zero weights get an even split.
 */
export function allocate(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const basis = sum > 0 ? weights : weights.map(() => 1);
  const basisSum = sum > 0 ? sum : weights.length;
  const exact = basis.map((w) => (BigInt(total) * BigInt(w)) / BigInt(basisSum));
  const parts = exact.map(Number);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = basis
    .map((w, i) => ({ i, rest: (BigInt(total) * BigInt(w)) % BigInt(basisSum) }))
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
