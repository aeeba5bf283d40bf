/**
 * Pieces every ERP node declares the same way: the optional ERP connection (none: the built-in
 * ledger), the editable JSONata mapping that shapes the document, and the output. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';
import { ErpDocument } from '../../records';

/** The connection field: a QuickBooks Online connection, or empty for the built-in ledger. */
export const erpConnectionField = z.string().min(1).max(100).optional().meta({
  title: 'ERP connection',
  description: 'A QuickBooks Online connection; leave empty to post to the built-in ledger',
  widget: 'connection',
});

/** The connection spec of every ERP node. */
export const ERP_CONNECTION = {
  type: 'quickbooks',
  field: 'connectionId',
  optional: true,
} as const;

/** A JSONata mapping from the node's input to the document, with an editable default. */
export function mappingField(defaultExpression: string) {
  return z.string().min(1).max(20_000).default(defaultExpression).meta({
    title: 'Mapping',
    description:
      'JSONata from the input to the document. Amounts: integers in minor units, decimal strings (exact), or lists of them (summed).',
    widget: 'jsonata',
  });
}

/** Where a posting's answer came from: the ERP now, the effect ledger, or a lookup. */
export const PostingOrigin = z.enum(['erp', 'ledger', 'lookup']);

/** What a posting node emits. */
export const ErpPostingOutput = z.object({
  /** `built-in` or `quickbooks-online`. */
  erp: z.string(),
  /** False when the document already existed (a replay): nothing was posted again. */
  created: z.boolean(),
  origin: PostingOrigin,
  document: ErpDocument,
});
export type ErpPostingOutput = z.infer<typeof ErpPostingOutput>;

/** Retry policy of ERP postings: QuickBooks throttles per minute, so back off generously. */
export const ERP_RETRY = { maxAttempts: 6, initialDelayMs: 2000, maxDelayMs: 120_000 } as const;

/** Help text shared by the posting nodes. */
export const POSTING_DOCS = `Posts to the ERP connection when one is set (QuickBooks Online), else to the built-in
ledger. The document's **external reference** makes it idempotent: a retried, resumed or
replayed run finds the first posting and posts nothing again (\`created: false\`). An invalid
or unbalanced document fails the run with a message naming the bad line.`;
