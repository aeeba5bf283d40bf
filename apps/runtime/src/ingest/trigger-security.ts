import { RestTriggerSecurity, type TriggerAuth } from '@paybridge/nodes/definitions';
import { compileNetworkRules, type NetworkRules } from './ip-allow-list';

/** A trigger's authentication setting and compiled network rules, ready for every request. */
export interface TriggerSecurity {
  auth: TriggerAuth;
  network: NetworkRules;
}

/**
 * Reads the security part of a stored REST trigger config. Returns null when it does not parse
 * (the flow API validates on save, so only a config written some other way gets here): the
 * trigger then refuses every request, because guessing "no auth" for an unreadable setting would
 * open an endpoint its author meant to close.
 */
export function readTriggerSecurity(config: unknown): TriggerSecurity | null {
  const parsed = RestTriggerSecurity.safeParse(config ?? {});
  if (!parsed.success) return null;
  try {
    return { auth: parsed.data.auth, network: compileNetworkRules(parsed.data) };
  } catch {
    return null;
  }
}
