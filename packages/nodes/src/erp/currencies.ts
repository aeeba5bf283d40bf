/**
 * ISO 4217 minor units (the number of decimal places of each currency), from the standard's list
 * of active codes. Money in Paybridge is an integer count of minor units, so the exponent is what
 * turns `1234` into "12.34" (USD), "1234" (JPY) or "1.234" (KWD). A constant 2 would be wrong for a
 * quarter of the world's currencies.
 *
 * @module
 */

/** Currencies whose minor unit is not 2 (ISO 4217 "Minor unit" column). */
const NOT_TWO: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Active codes with two decimal places. */
const TWO = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
  'GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP ' +
  'LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR ' +
  'NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN ' +
  'SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ' +
  'ZMW ZWG'
).split(' ');

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...TWO.map((code) => [code, 2] as const),
  ...Object.entries(NOT_TWO),
]);

/** Whether `code` is an active ISO 4217 currency code (upper case). */
export function isCurrencyCode(code: string): boolean {
  return EXPONENTS.has(code);
}

/**
 * The ISO 4217 minor-unit exponent of a currency: 0 for JPY, 2 for USD, 3 for KWD.
 * Throws for an unknown code, so a typo never silently becomes "2 decimals".
 */
export function currencyExponent(code: string): number {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) throw new RangeError(`unknown ISO 4217 currency "${code}"`);
  return exponent;
}
