/**
 * PayTrace's AVS and CSC answers (help.paytrace.com "AVS Responses") mapped to the classes the
 * model uses. Unknown texts map to "unavailable" rather than to a match: a new wording must never
 * look like good evidence.
 *
 * @module
 */

export type AvsClass = 'full' | 'partial' | 'none' | 'unavailable' | 'missing';
export type CscClass = 'match' | 'mismatch' | 'unverified' | 'missing';

export function avsClass(response: string | null | undefined): AvsClass {
  const text = response?.trim().toLowerCase();
  if (!text) return 'missing';
  if (text === 'full exact match' || text === 'address and zip code match') return 'full';
  if (text === 'address match only' || text === 'zip match only') return 'partial';
  if (text === 'no match' || text === 'address not verified') return 'none';
  return 'unavailable';
}

export function cscClass(response: string | null | undefined): CscClass {
  const text = response?.trim().toLowerCase();
  if (!text) return 'missing';
  if (text === 'match') return 'match';
  if (text === 'no match') return 'mismatch';
  return 'unverified';
}
