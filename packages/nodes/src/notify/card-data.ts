import { PermanentError, redactSecrets } from '@paybridge/engine';

/**
 * Refuses to send a notification that carries what looks like a card number (a Luhn-valid
 * 13–19 digit run that is not labelled as an id): mail and chat messages are stored by others,
 * forever, outside anyone's PCI scope. Uses the engine's own detector, so the rule is the same
 * as for run history.
 */
export function assertNoCardData(fields: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && redactSecrets(value) !== value) {
      throw new PermanentError(
        'CARD_DATA_IN_MESSAGE',
        `The ${name} holds what looks like a card number; notifications never carry card data (show the last four digits at most)`,
      );
    }
  }
}
