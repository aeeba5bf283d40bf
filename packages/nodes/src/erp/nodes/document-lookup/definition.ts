/**
 * `erp.document-lookup`: find a document by its external reference.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { DocumentType } from '../../documents';
import { ErpDocument } from '../../records';
import { ERP_CONNECTION, ERP_RETRY, erpConnectionField } from '../shared/node-config';

export const erpDocumentLookupNode = defineNode({
  type: 'erp.document-lookup',
  version: 1,
  kind: 'action',
  title: 'ERP lookup',
  description: 'Find an invoice, payment, memo, journal or dispute by reference.',
  category: 'erp',
  icon: 'search',
  config: z.object({
    connectionId: erpConnectionField,
    documentType: DocumentType.default('invoice').meta({ title: 'Document type' }),
    reference: z
      .string()
      .min(1)
      .max(64)
      .meta({ title: 'Reference', placeholder: '="shopify-order-" & $trigger.body.id' }),
  }),
  input: z.unknown(),
  output: z.object({ erp: z.string(), found: z.boolean(), document: ErpDocument.nullable() }),
  ports: { inputs: ['in'], outputs: ['found', 'not-found'] },
  effects: false,
  retry: ERP_RETRY,
  connection: ERP_CONNECTION,
  docs: `Looks a document up by the reference it was posted with (\`shopify-order-<id>\`,
\`paytrace-<transaction id>\`, ...) and continues on **found** with the document (an invoice
with its open balance, a dispute with its status) or on **not-found**.`,
});
