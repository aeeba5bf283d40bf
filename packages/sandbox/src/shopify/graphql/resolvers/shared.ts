/**
 * What every resolver shares: the per-request context (simulator, API version, search warnings)
 * and the builders of money and time values in the GraphQL shape.
 * @module
 */
import type { ShopContext } from '../../context.js';
import { formatDecimal } from '../../core/money.js';
import { isoUtc } from '../../core/time.js';
import type { SearchWarning } from '../search-query.js';

/** Per-request GraphQL context. */
export interface GqlContext {
  sim: ShopContext;
  /** API version the request is served at. */
  version: string;
  /** Warnings of `query` arguments, reported in `extensions.search`. */
  search: { path: string[]; query: string; warnings: SearchWarning[] }[];
}

/** Field resolvers of one type; `P` is the parent value's type. */
export type TypeResolvers<P> = Record<
  string,
  (parent: P, args: Record<string, unknown>, ctx: GqlContext) => unknown
>;

/** A `MoneyV2` value. */
export function moneyV2(ctx: GqlContext, minor: number, currency: string) {
  return {
    amount: formatDecimal(minor, currency, ctx.sim.settings.decimalStyle),
    currencyCode: currency,
  };
}

/** A `MoneyBag` (shop and presentment money are the same currency in the simulator). */
export function moneyBag(ctx: GqlContext, minor: number, currency: string) {
  const money = moneyV2(ctx, minor, currency);
  return { shopMoney: money, presentmentMoney: { ...money } };
}

/** A `DateTime`, or `null`. */
export function dateTime(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : isoUtc(ms);
}

/** A string argument, or `undefined`. */
export function stringArg(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

/** Records the warnings of one `query` argument for `extensions.search`. */
export function reportSearch(
  ctx: GqlContext,
  path: string,
  query: string | undefined,
  warnings: SearchWarning[],
): void {
  if (query && warnings.length > 0) ctx.search.push({ path: [path], query, warnings });
}
