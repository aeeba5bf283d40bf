/**
 * `erp.invoice-from-order`: the invoice of a Shopify order, its lines, tax, shipping and
 * discounts.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { InvoiceInput } from '../../documents';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  POSTING_DOCS,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';
import { ORDER_SOURCE } from '../shared/shopify-source';

/**
 * A Shopify order (REST / webhook JSON) as an invoice; amounts stay decimal strings (exact). The
 * order is the input, the Shopify event's body, or the trigger's body (see `shopify-source.ts`),
 * so the node works right after a Shopify trigger and after a customer or payment node alike.
 */
export const DEFAULT_INVOICE_MAPPING = `(
  ${ORDER_SOURCE}
  $order.{
    "externalRef": "shopify-order-" & $string(id),
    "customerRef": customer.id ? "shopify-customer-" & $string(customer.id) : "shopify-guest",
    "currency": currency,
    "date": created_at,
    "lines": [line_items.{
      "description": title,
      "quantity": quantity,
      "unitAmount": price,
      "sku": sku ? sku
    }],
    "tax": total_tax ? total_tax : "0",
    "shipping": total_shipping_price_set.shop_money.amount ? total_shipping_price_set.shop_money.amount : "0",
    "discount": total_discounts ? total_discounts : "0",
    "memo": name ? "Shopify order " & name
  }
)`;

export const erpInvoiceFromOrderNode = defineNode({
  type: 'erp.invoice-from-order',
  version: 1,
  kind: 'action',
  title: 'ERP invoice from order',
  description: 'Post the invoice of an order: lines, tax, shipping, discounts.',
  category: 'erp',
  icon: 'file-text',
  config: z.object({
    connectionId: erpConnectionField,
    mapping: mappingField(DEFAULT_INVOICE_MAPPING),
  }),
  input: z.unknown(),
  output: ErpPostingOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  mappingTarget: { field: 'mapping', schema: InvoiceInput },
  connection: ERP_CONNECTION,
  docs: `${POSTING_DOCS}

The default mapping reads a Shopify order (the \`orders/create\` webhook: the trigger's
\`body\`, whatever node comes before; or an order given as the input): reference
\`shopify-order-<id>\`, customer \`shopify-customer-<id>\` (post it with **ERP customer** first),
one line per line item, \`total_tax\`, the shipping total and \`total_discounts\`. The total is
lines + tax + shipping - discounts; the ledger posts receivable, sales, shipping income, tax
payable and discounts.`,
});
