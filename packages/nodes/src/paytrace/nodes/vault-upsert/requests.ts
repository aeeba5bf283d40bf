/**
 * The create and update requests of a vault upsert, per card source.
 *
 * @module
 */
import { vaultEndpoints } from '../../client/endpoints';
import type { PaytraceClient } from '../../client/paytrace-client';
import type { CustomerAnswer } from '../../client/wire/answers';
import { paytraceAddress } from '../shared/address';
import { assertKeyedEntryAllowed } from '../shared/keyed-entry';
import type { PaytraceVaultUpsertConfig, VaultCardSource } from './definition';

/** Profile fields every request carries. */
function profileFields(config: PaytraceVaultUpsertConfig) {
  const billing = paytraceAddress(config.billingAddress);
  return {
    customer_id: config.customerId,
    ...(billing === undefined ? {} : { billing_address: billing }),
    ...(config.email === undefined ? {} : { email: config.email }),
    ...(config.phone === undefined ? {} : { phone: config.phone }),
  };
}

function encryptedCard(source: Extract<VaultCardSource, { kind: 'keyed' }>) {
  return {
    credit_card: {
      encrypted_number: source.encryptedNumber,
      expiration_month: String(source.expirationMonth),
      expiration_year: String(source.expirationYear),
    },
    ...(source.encryptedCsc === undefined ? {} : { encrypted_csc: source.encryptedCsc }),
  };
}

/** The create call of the config's card source (keyed entry checked against the connection). */
export function createProfile(
  client: PaytraceClient,
  config: PaytraceVaultUpsertConfig,
): Promise<CustomerAnswer> {
  const fields = profileFields(config);
  const { source } = config;
  switch (source.kind) {
    case 'protect':
      return client.call(vaultEndpoints.protectCreate, {
        ...fields,
        hpf_token: source.hpfToken,
        enc_key: source.encKey,
      });
    case 'transaction':
      return client.call(vaultEndpoints.createFromTransaction, {
        ...fields,
        transaction_id: source.transactionId,
      });
    case 'keyed':
      assertKeyedEntryAllowed(client.settings);
      return client.call(vaultEndpoints.create, { ...fields, ...encryptedCard(source) });
  }
}

/** The update call: the card only for keyed values, the other fields always. */
export function updateProfile(
  client: PaytraceClient,
  config: PaytraceVaultUpsertConfig,
): Promise<CustomerAnswer> {
  const { source } = config;
  const card = source.kind === 'keyed' ? encryptedCard(source) : {};
  return client.call(vaultEndpoints.update, { ...profileFields(config), ...card });
}
