/**
 * `erp.dispute-open`: a chargeback case with its journal.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { DisputeInput } from '../../documents';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  POSTING_DOCS,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';
import { DISPUTE_SOURCE } from '../shared/shopify-source';

/** A Shopify dispute (the `disputes/create` webhook: the input or the trigger's body). */
export const DEFAULT_DISPUTE_OPEN_MAPPING = `(
  ${DISPUTE_SOURCE}
  $dispute.{
    "externalRef": "shopify-dispute-" & $string(id),
    "invoiceRef": order_id ? "shopify-order-" & $string(order_id),
    "currency": currency,
    "amount": amount,
    "reason": reason ? reason : "unknown",
    "date": initiated_at ? initiated_at : $now(),
    "evidenceDueBy": evidence_due_by ? $substring(evidence_due_by, 0, 10)
  }
)`;

export const erpDisputeOpenNode = defineNode({
  type: 'erp.dispute-open',
  version: 1,
  kind: 'action',
  title: 'ERP dispute open',
  description: 'Open a chargeback case: reason, amount, evidence deadline.',
  category: 'erp',
  icon: 'shield-alert',
  config: z.object({
    connectionId: erpConnectionField,
    mapping: mappingField(DEFAULT_DISPUTE_OPEN_MAPPING),
  }),
  input: z.unknown(),
  output: ErpPostingOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  mappingTarget: { field: 'mapping', schema: DisputeInput },
  connection: ERP_CONNECTION,
  docs: `${POSTING_DOCS}

Opening posts the withdrawn amount from cash to the chargeback reserve (dispute receivable).
QuickBooks Online has no dispute object: the case is that journal entry, its status and
deadline kept in its private note.`,
});
