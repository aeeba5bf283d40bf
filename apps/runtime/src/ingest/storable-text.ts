/**
 * What text Postgres cannot store: `json`/`jsonb` and `text` refuse U+0000, `jsonb` refuses
 * unpaired UTF-16 surrogates.
 *
 * @module
 */

/** One unpaired surrogate: a high one not followed by a low one, or a low one on its own. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What makes a string unstorable in Postgres, or null when it can be stored. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate';
  return null;
}
