/**
 * Builds a sale or authorization request from a charge node's config: amount conversion, the
 * endpoint of the card source, and the keyed-entry gate.
 *
 * @module
 */
import { chargeEndpoints } from '../../client/endpoints';
import { toPaytraceAmount } from '../../client/money';
import type { PaytraceSettings } from '../../client/settings';
import { prepareCall, type PreparedCall } from '../../prepared-call';
import { paytraceAddress } from './address';
import type { ChargeConfig } from './charge-config';
import { assertKeyedEntryAllowed } from './keyed-entry';

/** The two kinds of charge. */
export type ChargeKind = keyof typeof chargeEndpoints;

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);
}

/** Prepares the request; throws PermanentError for a foreign currency or forbidden keyed entry. */
export function prepareCharge(
  kind: ChargeKind,
  config: ChargeConfig,
  settings: PaytraceSettings,
): PreparedCall {
  const money = (minor: number) => toPaytraceAmount({ minor, currency: config.currency });
  const fields = {
    amount: money(config.amount),
    ...optional('description', config.description),
    ...optional('email', config.email),
    ...optional('billing_address', paytraceAddress(config.billingAddress)),
    ...optional('customer_reference_id', config.customerReferenceId),
    ...optional('tax_amount', config.taxAmount === undefined ? undefined : money(config.taxAmount)),
  };
  const endpoints = chargeEndpoints[kind];
  const source = config.source;
  switch (source.kind) {
    case 'vault':
      return prepareCall(endpoints.vault, { ...fields, customer_id: source.customerId });
    case 'transaction':
      return prepareCall(endpoints.transaction, {
        ...fields,
        transaction_id: source.transactionId,
      });
    case 'protect':
      return prepareCall(endpoints.protect, {
        ...fields,
        hpf_token: source.hpfToken,
        enc_key: source.encKey,
      });
    case 'keyed':
      assertKeyedEntryAllowed(settings);
      return prepareCall(endpoints.keyed, {
        ...fields,
        credit_card: {
          encrypted_number: source.encryptedNumber,
          expiration_month: String(source.expirationMonth),
          expiration_year: String(source.expirationYear),
        },
        ...optional('encrypted_csc', source.encryptedCsc),
      });
  }
}
