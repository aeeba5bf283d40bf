import type { TriggerAccess, TriggerAuth } from '@paybridge/nodes/definitions';
import { compileNetworkRules, type NetworkRules } from './ip-allow-list';

/** A trigger's authentication setting and compiled network rules, ready for every request. */
export interface TriggerSecurity {
  auth: TriggerAuth;
  network: NetworkRules;
}

/**
 * Compiles who may call an http-channel trigger, as its declaration's `access` read it from the
 * stored settings. Returns null when they did not parse (the flow API validates on save, so only
 * a config written some other way gets here) or the rules do not compile: the trigger then
 * refuses every request, because guessing "no auth" for an unreadable setting would open an
 * endpoint its author meant to close.
 */
export function readTriggerSecurity(access: TriggerAccess | null): TriggerSecurity | null {
  if (!access) return null;
  try {
    return { auth: access.auth, network: compileNetworkRules(access) };
  } catch {
    return null;
  }
}
