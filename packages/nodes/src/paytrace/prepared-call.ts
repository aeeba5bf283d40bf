/**
 * A payment request built from a node's config before anything is claimed or sent: its endpoint,
 * its body (what the fingerprint covers) and how to send it with an attempt's invoice id. Config
 * mistakes (a foreign currency, keyed entry while it is off) therefore fail before the ledger
 * records an attempt.
 *
 * @module
 */
import type { z } from 'zod';
import type { Endpoint } from './client/endpoints';
import type { PaytraceClient } from './client/paytrace-client';
import type { TransactionAnswer } from './client/wire/answers';

/** A payment request ready to send. */
export interface PreparedCall {
  readonly path: string;
  /** The body without invoice id; what the fingerprint covers. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Sends it, with `invoiceId` when the endpoint takes one. */
  send(client: PaytraceClient, invoiceId: string | undefined): Promise<TransactionAnswer>;
}

/** Prepares a call of a transaction endpoint with a typed body. */
export function prepareCall<Request extends z.ZodType>(
  endpoint: Endpoint<Request, typeof TransactionAnswer>,
  body: z.input<Request> & Record<string, unknown>,
): PreparedCall {
  return {
    path: endpoint.path,
    body,
    send: (client, invoiceId) =>
      client.call(endpoint, invoiceId === undefined ? body : { ...body, invoice_id: invoiceId }),
  };
}
