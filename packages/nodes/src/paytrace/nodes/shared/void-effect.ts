/**
 * Voiding a transaction as an exactly-once effect, shared by the void node and the refund node's
 * "void if unsettled". A void keeps the transaction's id, so a lost answer is resolved by
 * exporting the transaction: voided means it happened, anything else proves it did not. Where
 * the record carries no state word (PayTrace documents none), the documented `VOID` filter of
 * the date-range export decides.
 *
 * @module
 */
import { followUpEndpoints } from '../../client/endpoints';
import type { PaytraceClient } from '../../client/paytrace-client';
import { lastFour, recordStatus } from '../../client/records';
import type { PaymentEffect } from '../../payment-effect';
import { exportTransaction, hasStateFields, isListedAsVoid } from '../../lookups';
import { outcomeFromAnswer, type OutcomeFacts } from '../../outcomes';
import { prepareCall } from '../../prepared-call';

/** The void of `transactionId` under ledger item `item`. */
export function voidEffect(
  client: PaytraceClient,
  transactionId: string,
  item: string,
): PaymentEffect {
  const call = prepareCall(followUpEndpoints.void, { transaction_id: transactionId });
  const facts: OutcomeFacts = {
    operation: 'void',
    amount: null,
    invoiceId: null,
    targetTransactionId: transactionId,
  };
  return {
    item,
    operation: 'void',
    call,
    amountMinor: null,
    targetId: transactionId,
    perform: async () => outcomeFromAnswer(await call.send(client, undefined), facts),
    resolve: async (attempt) => {
      const record = await exportTransaction(client, transactionId);
      if (record === undefined) return undefined;
      const voided =
        recordStatus(record) === 'voided' ||
        (!hasStateFields(record) && (await isListedAsVoid(client, record, attempt.now)));
      if (!voided) return undefined;
      return {
        status: 'approved',
        ...facts,
        transactionId: record.transaction_id,
        responseCode: null,
        avsResponse: '',
        cscResponse: '',
        cardLastFour: lastFour(record.credit_card?.masked_number ?? ''),
        approvalCode: '',
        approvalMessage: '',
        statusMessage: 'Found voided by lookup after a lost answer.',
      };
    },
  };
}
