/**
 * `erp.credit-memo`: a return or refund: the credit memo, applied to the invoice, with the
 * refund paid out.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { CreditMemoInput } from '../../documents';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  POSTING_DOCS,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';
import { REFUND_SOURCE } from '../shared/shopify-source';

/**
 * A Shopify refund (the `refunds/create` webhook: the input, the Shopify event's body or the
 * trigger's body) as a credit memo whose total is exactly what Shopify refunded:
 *
 * - one line per refunded line item at its list price and refunded quantity, with the line
 *   discounts Shopify allocated to those units as `discount` (list price x quantity minus the
 *   refund line's `subtotal`), so the memo mirrors the invoice (sales and discounts reversed);
 * - `tax`: the refund lines' `total_tax`, plus refunded shipping tax and adjustment tax;
 * - `shipping`: `refund_shipping_lines` (2024-10 and later) and legacy `shipping_refund`
 *   order adjustments (negative there, since they add to the refund);
 * - other order adjustments (refund discrepancies): a negative one (more money back than the
 *   items) is a "Refund adjustment" line, a positive one (less money back) a further discount;
 * - a refund of money only (no lines, shipping or adjustments) is one "Refund" line for the
 *   refund transactions;
 * - `refundAmount`: the successful refund transactions, paid back by card.
 *
 * Money is read from the `*_set.shop_money` decimal strings (REST's line `subtotal`/`total_tax`
 * are JSON numbers) and summed exactly by the node: lists of amounts are added in minor units,
 * negative entries subtract, never a float.
 */
export const DEFAULT_CREDIT_MEMO_MAPPING = `(
  ${REFUND_SOURCE}
  $refund.(
    $shop := function($set, $plain) { $exists($set) ? $set.shop_money.amount : $plain };
    $negate := function($a) { $exists($a) ? ($s := $string($a); $substring($s, 0, 1) = "-" ? $substring($s, 1) : "-" & $s) };
    $negative := function($a) { $substring($string($a), 0, 1) = "-" };
    $paid := transactions[kind = "refund" and status = "success"];
    $shipAdjust := order_adjustments[kind = "shipping_refund"];
    $otherAdjust := order_adjustments[$not(kind = "shipping_refund")];
    $adjust := function($a) { $shop($a.amount_set, $a.amount) };
    $adjustTax := function($a) { $shop($a.tax_amount_set, $a.tax_amount) };
    $itemLines := [refund_line_items.{
      "description": line_item.title ? line_item.title : (line_item.name ? line_item.name : "Refunded item"),
      "quantity": quantity,
      "unitAmount": $shop(line_item.price_set, line_item.price),
      "sku": line_item.sku ? line_item.sku
    }];
    $extra := [$otherAdjust[$negative($adjust($))].$negate($adjust($))];
    $shipping := [
      refund_shipping_lines.$shop(subtotal_amount_set, subtotal_amount),
      $shipAdjust.$negate($adjust($))
    ];
    $moneyOnly := $count($itemLines) = 0 and $count($shipping) = 0 and $count(order_adjustments) = 0;
    {
      "externalRef": "shopify-refund-" & $string(id),
      "invoiceRef": order_id ? "shopify-order-" & $string(order_id),
      "currency": [
        refund_line_items.subtotal_set.shop_money.currency_code,
        refund_shipping_lines.subtotal_amount_set.shop_money.currency_code,
        order_adjustments.amount_set.shop_money.currency_code,
        $paid.currency
      ][0],
      "date": created_at,
      "lines": $append(
        $append($itemLines, $count($extra) > 0 ? [{ "description": "Refund adjustment", "unitAmount": $extra }] : []),
        $moneyOnly ? [{ "description": "Refund", "unitAmount": [$paid.amount] }] : []
      ),
      "tax": [
        refund_line_items.$shop(total_tax_set, total_tax),
        refund_shipping_lines.tax_amount_set.shop_money.amount,
        order_adjustments.$negate($adjustTax($))
      ],
      "shipping": $shipping,
      "discount": [
        refund_line_items.( $unit := $shop(line_item.price_set, line_item.price); [1..quantity].$unit ),
        refund_line_items.$negate($shop(subtotal_set, subtotal)),
        $otherAdjust[$not($negative($adjust($)))].$adjust($)
      ],
      "refundAmount": [$paid.amount],
      "memo": note ? note
    }
  )
)`;

export const erpCreditMemoNode = defineNode({
  type: 'erp.credit-memo',
  version: 1,
  kind: 'action',
  title: 'ERP credit memo',
  description: 'Post a credit memo against an invoice, with its refund.',
  category: 'erp',
  icon: 'receipt',
  config: z.object({
    connectionId: erpConnectionField,
    mapping: mappingField(DEFAULT_CREDIT_MEMO_MAPPING),
  }),
  input: z.unknown(),
  output: ErpPostingOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  mappingTarget: { field: 'mapping', schema: CreditMemoInput },
  connection: ERP_CONNECTION,
  docs: `${POSTING_DOCS}

Of the memo's total, \`refundAmount\` is paid back (card clearing); the rest reduces the
invoice's open balance as far as it goes and any remainder stays as customer credit: no balance
ever goes below zero. Without \`customerRef\` the invoice's customer is used. In QuickBooks
Online a full refund is a RefundReceipt; otherwise a CreditMemo applied by a Payment, with a
refund journal entry.`,
});
