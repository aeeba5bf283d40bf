/**
 * `dispute.evidence-packet`: assembles a chargeback's evidence (JSON and PDF) and keeps it with
 * the case for download.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { resourceIdField } from '../../shopify/ids';
import { DisputeNotice } from '../notice';
import { EvidencePacket } from '../packet';

/** The PayTrace transaction fields the packet shows (a `paytrace.transactions-export` record). */
const TransactionFields = z
  .object({
    transactionId: z.string().nullish(),
    type: z.string().nullish(),
    amount: z.object({ minor: z.number().int(), currency: z.string() }).nullish(),
    approvalCode: z.string().nullish(),
    avsResponse: z.string().nullish(),
    cscResponse: z.string().nullish(),
    cardLastFour: z.string().nullish(),
    createdAt: z.string().nullish(),
    description: z.string().nullish(),
  })
  .meta({
    title: 'PayTrace transaction',
    description:
      'A record of `paytrace.transactions-export`, e.g. =$node("transaction").transactions[0]',
  });

export const EvidencePacketOutput = z.object({
  caseKey: z.string(),
  /** The Shopify order found (global id), for the nodes that tag it; null when none. */
  orderId: z.string().nullable(),
  orderName: z.string().nullable(),
  packet: EvidencePacket,
  pdfBytes: z.number().int(),
});

export const disputeEvidencePacketNode = defineNode({
  type: 'dispute.evidence-packet',
  version: 1,
  kind: 'action',
  title: 'Evidence packet',
  description:
    'Assemble the evidence for a chargeback (order, customer, AVS/CSC, IP) as PDF and JSON.',
  category: 'fraud',
  icon: 'file-text',
  config: z.object({
    connectionId: z.string().optional().meta({
      title: 'Shopify store',
      description: 'Where the order is read; empty: a packet from the case and transaction only.',
      widget: 'connection',
    }),
    caseKey: z.string().min(1).max(200).meta({
      title: 'Case',
      description: 'The case key, e.g. =$node("case").case.caseKey',
    }),
    notice: DisputeNotice.meta({
      title: 'Notice',
      description: 'The case as reported, e.g. =$node("case").notice',
    }),
    orderId: resourceIdField('Order').nullish().meta({
      title: 'Order',
      description: 'The Shopify order id, when known (Shopify disputes name it).',
    }),
    orderName: z.string().max(100).nullish().meta({
      title: 'Order name',
      description: 'Otherwise the order is searched by name, e.g. #1001.',
    }),
    transaction: TransactionFields.nullish().meta({
      title: 'PayTrace transaction',
      description:
        'A record of `paytrace.transactions-export`, e.g. =$node("transaction").transactions[0]',
    }),
    notes: z.array(z.string().max(2000)).max(50).default([]).meta({
      title: 'Notes',
      description: 'More lines for the packet’s notes (customer service history, …).',
    }),
  }),
  input: z.unknown(),
  output: EvidencePacketOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: false,
  connection: { type: 'shopify', field: 'connectionId', optional: true },
  docs: `Collects what a processor asks for to fight a chargeback and keeps it with the case, for
download on the Disputes page (\`GET /api/disputes/{id}/packet.pdf\` and \`/packet\`):

- the order and its line items, the customer, billing and shipping addresses, the shopper's IP
  address, the fulfilment status, refunds and the customer's prior orders, read from Shopify;
- the PayTrace transaction's AVS and CSC results, approval code and card (last four only);
- order and customer notes, and any **Notes** given.

Assembling again replaces the packet. The PDF uses standard fonts, US Letter pages.`,
});

/** Evidence packet settings after parsing. */
export type EvidencePacketConfig = z.infer<typeof disputeEvidencePacketNode.config>;
