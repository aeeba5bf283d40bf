import type { Role } from '../db/schema/identity';

export type { Role };

/** Roles from least to most powerful; each includes what the ones before it may do. */
export const ROLES: readonly Role[] = ['viewer', 'operator', 'editor', 'admin'];

/**
 * Whether `have` may do what needs `need`. viewer reads; operator also retries, replays and
 * resolves runs; editor also changes flows; admin also manages users, tokens, connections and
 * settings.
 */
export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

/** The less powerful of two roles: what a token may do when its creator's role has changed. */
export function lowerRole(a: Role, b: Role): Role {
  return roleAtLeast(a, b) ? b : a;
}
