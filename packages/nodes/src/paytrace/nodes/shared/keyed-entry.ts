/**
 * The keyed-entry gate. Encrypted keyed values are card data even if Paybridge cannot read them,
 * so sending them is an account-level decision an administrator makes on the connection.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import type { PaytraceSettings } from '../../client/settings';

/** Refuses keyed entry unless the connection allows it. */
export function assertKeyedEntryAllowed(settings: PaytraceSettings): void {
  if (settings.allowKeyedEntry) return;
  throw new PermanentError(
    'KEYED_ENTRY_DISABLED',
    'Keyed entry is off for this PayTrace connection. An administrator can turn on "Allow keyed ' +
      'entry"; card values must then be encrypted in the browser with PayTrace client-side encryption.',
  );
}
