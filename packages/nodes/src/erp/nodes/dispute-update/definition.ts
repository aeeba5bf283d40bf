/**
 * `erp.dispute-update`: a chargeback case moves on (evidence submitted, won, lost).
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { DisputeUpdateInput } from '../../documents';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';
import { DISPUTE_SOURCE } from '../shared/shopify-source';

/**
 * A Shopify dispute update (the input or the trigger's body): `under_review` means evidence was
 * submitted, `won` and `lost` close the case (`accepted` and `charge_refunded` are losses); other
 * statuses change nothing.
 */
export const DEFAULT_DISPUTE_UPDATE_MAPPING = `(
  ${DISPUTE_SOURCE}
  $dispute.{
    "externalRef": "shopify-dispute-" & $string(id),
    "status": $lookup({
      "under_review": "evidence_submitted",
      "won": "won",
      "lost": "lost",
      "accepted": "lost",
      "charge_refunded": "lost"
    }, status),
    "date": finalized_on ? finalized_on : $now()
  }
)`;

export const erpDisputeUpdateNode = defineNode({
  type: 'erp.dispute-update',
  version: 1,
  kind: 'action',
  title: 'ERP dispute update',
  description: 'Move a chargeback case on: evidence submitted, won or lost.',
  category: 'erp',
  icon: 'gavel',
  config: z.object({
    connectionId: erpConnectionField,
    mapping: mappingField(DEFAULT_DISPUTE_UPDATE_MAPPING),
  }),
  input: z.unknown(),
  output: ErpPostingOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  mappingTarget: { field: 'mapping', schema: DisputeUpdateInput },
  connection: ERP_CONNECTION,
  docs: `Won returns the amount from the dispute receivable to cash; lost writes it off to
chargeback losses. Won and lost are final: changing a closed case fails. Repeating the current
status posts nothing (\`created: false\`); a mapping without a status leaves the case as it is.`,
});
