import type { SecretDraft } from './secret-field';

/**
 * The `values` to send for a create or an update: plain fields as edited, secrets only when
 * typed (or cleared); untouched secrets are left out, so the runtime keeps what it stores.
 */
export function valuesToSend(
  plain: Record<string, unknown>,
  secrets: Record<string, SecretDraft>,
  creating: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plain)) if (v !== undefined) out[k] = v;
  if (!creating) {
    // A plain field emptied in the form is cleared on the runtime with null.
    for (const [k, v] of Object.entries(plain)) if (v === undefined) out[k] = null;
  }
  for (const [k, draft] of Object.entries(secrets)) {
    if (draft.kind === 'set') {
      const value = Array.isArray(draft.value) ? draft.value.filter((s) => s !== '') : draft.value;
      if (creating && (value === '' || (Array.isArray(value) && value.length === 0))) continue;
      out[k] = value;
    } else if (draft.kind === 'clear' && !creating) out[k] = null;
  }
  return out;
}

/** Splits stored values into plain fields and which secrets are set (`{ set: true }`). */
export function splitStored(
  values: Record<string, unknown>,
  secretFields: readonly string[],
): { plain: Record<string, unknown>; stored: Record<string, boolean> } {
  const plain: Record<string, unknown> = {};
  const stored: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(values)) {
    if (secretFields.includes(k)) stored[k] = Boolean((v as { set?: boolean } | null)?.set);
    else plain[k] = v;
  }
  return { plain, stored };
}
