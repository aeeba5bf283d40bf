/**
 * Exact conversion between Paybridge money (integer minor units + ISO 4217 currency) and
 * Shopify's `Decimal` strings (`"199.0"`, `"10.00"`, `"1000.0"` for yen). The currency's exponent
 * comes from the ISO table (USD 2, JPY 0, KWD 3), never a constant 2, and no amount ever passes
 * through a float. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';
import { PermanentError } from '@paybridge/engine';
import { currencyExponent, isCurrencyCode } from '../erp/currencies';
import { fromDecimal, toDecimalString } from '../erp/money';

/** An amount as flows carry it: integer minor units and an ISO 4217 code. */
export const Money = z.object({
  minor: z.int().meta({
    title: 'Amount (minor units)',
    description: '1050 is $10.50, ¥1050.',
    examples: [4999],
  }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .meta({ title: 'Currency', description: 'ISO 4217 code', examples: ['USD'] }),
});
/** An amount in integer minor units with its currency. */
export type Money = z.infer<typeof Money>;

/** Shopify's `MoneyV2` on the wire. */
export interface ShopifyMoneyV2 {
  readonly amount: string;
  readonly currencyCode: string;
}

function moneyError(message: string): PermanentError {
  return new PermanentError('SHOPIFY_MONEY_INVALID', message);
}

/** Refuses a code that is not an active ISO 4217 currency (Shopify also has `XXX`-style codes). */
export function assertCurrency(code: string): void {
  if (!isCurrencyCode(code)) {
    throw moneyError(`${JSON.stringify(code)} is not an ISO 4217 currency Paybridge can convert`);
  }
}

/**
 * Shopify's decimal text to minor units. Digits past the currency's exponent must be zeros
 * (`"1000.0"` in JPY is fine, `"10.005"` in USD is refused, not rounded).
 *
 * @example
 * fromShopifyMoney({ amount: '19.9', currencyCode: 'USD' }); // { minor: 1990, currency: 'USD' }
 * fromShopifyMoney({ amount: '1.234', currencyCode: 'KWD' }); // { minor: 1234, currency: 'KWD' }
 */
export function fromShopifyMoney(money: ShopifyMoneyV2): Money {
  assertCurrency(money.currencyCode);
  try {
    return { minor: fromDecimal(money.amount, money.currencyCode), currency: money.currencyCode };
  } catch (err) {
    throw moneyError(`Shopify amount ${JSON.stringify(money.amount)}: ${(err as Error).message}`);
  }
}

/**
 * Minor units to the decimal string Shopify's `MoneyInput.amount` takes, in the currency's
 * exponent: `{ minor: 1050, currency: 'USD' }` → `"10.50"`, JPY 1050 → `"1050"`.
 */
export function toShopifyDecimal(money: Money): string {
  assertCurrency(money.currency);
  if (!Number.isSafeInteger(money.minor)) {
    throw moneyError(`An amount is whole minor units, got ${money.minor}`);
  }
  return toDecimalString(money.minor, money.currency);
}

/** Shopify's `MoneyInput` for an amount. */
export function toMoneyInput(money: Money): { amount: string; currencyCode: string } {
  return { amount: toShopifyDecimal(money), currencyCode: money.currency };
}

/** The number of decimals of a currency, for labels (`currencyExponent` throws on unknown codes). */
export function decimalsOf(currency: string): number {
  assertCurrency(currency);
  return currencyExponent(currency);
}
