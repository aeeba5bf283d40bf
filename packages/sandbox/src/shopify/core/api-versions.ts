/**
 * Which Admin API versions the store serves: by default Shopify's calendar on the simulator's
 * clock (a stable version each quarter, supported for 12 months, the next one as release
 * candidate, and `unstable`), and the fall-forward rule for versions it does not serve.
 * @module
 */
import type { ShopContext } from '../context.js';

const VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

/**
 * The versions Shopify serves at `now`: a stable version ships each quarter (January, April,
 * July, October) and is supported for 12 months, so the current one and the three before it;
 * the next quarter's is out as a release candidate; `unstable` always.
 */
export function calendarVersions(now: number): string[] {
  const date = new Date(now);
  const quarter = date.getUTCFullYear() * 4 + Math.floor(date.getUTCMonth() / 3);
  const versions: string[] = [];
  for (let q = quarter - 3; q <= quarter + 1; q++) {
    versions.push(`${Math.floor(q / 4)}-${String((q % 4) * 3 + 1).padStart(2, '0')}`);
  }
  return [...versions, 'unstable'];
}

/** The versions this store serves now (the setting, or Shopify's calendar). */
export function servedVersions(sim: ShopContext): string[] {
  return sim.settings.apiVersions ?? calendarVersions(sim.now());
}

/** The current stable version: the latest one the store serves that is out (not the candidate). */
export function currentVersion(sim: ShopContext): string {
  const stable = servedVersions(sim)
    .filter((v) => v !== 'unstable')
    .sort();
  return (sim.settings.apiVersions ? stable.at(-1) : stable.at(-2)) ?? 'unstable';
}

/**
 * The version that answers a request for `asked`: itself when served, else (retired or not out)
 * the oldest supported stable version, Shopify's fall-forward rule; `undefined` when `asked` is
 * not a version at all.
 */
export function servedVersion(sim: ShopContext, asked: string): string | undefined {
  if (!VERSION.test(asked)) return undefined;
  const served = servedVersions(sim);
  if (served.includes(asked)) return asked;
  const stable = served.filter((v) => v !== 'unstable').sort();
  return stable[0] ?? asked;
}
