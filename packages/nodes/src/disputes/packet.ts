/**
 * The evidence packet of a chargeback case: what a merchant sends the processor to fight it,
 * assembled from the Shopify order and the PayTrace transaction. Money in minor units with the
 * currency; never a card number beyond its last four. Browser-safe: the API's response schema
 * and the editor's download read this shape.
 *
 * @module
 */
import { z } from 'zod';

const Money = z.object({ amount: z.number().int(), currency: z.string() });

export const PacketAddress = z.object({
  name: z.string().nullable(),
  lines: z.array(z.string()),
  country: z.string().nullable(),
});

export const EvidencePacket = z
  .object({
    caseNumber: z.string(),
    processor: z.string(),
    reasonCode: z.string().nullable(),
    reason: z.string().nullable(),
    disputed: Money,
    evidenceDueBy: z.string().nullable(),
    order: z
      .object({
        id: z.string(),
        name: z.string().nullable(),
        createdAt: z.string().nullable(),
        financialStatus: z.string().nullable(),
        total: Money.nullable(),
        lineItems: z.array(
          z.object({
            title: z.string(),
            sku: z.string().nullable(),
            quantity: z.number().int(),
            price: Money.nullable(),
          }),
        ),
      })
      .nullable(),
    customer: z
      .object({
        name: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        ordersCount: z.number().int().nullable(),
      })
      .nullable(),
    billingAddress: PacketAddress.nullable(),
    shippingAddress: PacketAddress.nullable(),
    payment: z
      .object({
        transactionId: z.string().nullable(),
        cardType: z.string().nullable(),
        cardLast4: z.string().nullable(),
        avsResponse: z.string().nullable(),
        cscResponse: z.string().nullable(),
        approvalCode: z.string().nullable(),
        ip: z.string().nullable(),
        createdAt: z.string().nullable(),
        amount: Money.nullable(),
      })
      .nullable(),
    fulfillments: z.array(
      z.object({
        status: z.string().nullable(),
        createdAt: z.string().nullable(),
        carrier: z.string().nullable(),
        trackingNumbers: z.array(z.string()),
        trackingUrls: z.array(z.string()),
      }),
    ),
    refunds: z.array(
      z.object({
        id: z.string(),
        createdAt: z.string().nullable(),
        amount: Money.nullable(),
        note: z.string().nullable(),
      }),
    ),
    priorOrders: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        createdAt: z.string().nullable(),
        total: Money.nullable(),
        financialStatus: z.string().nullable(),
      }),
    ),
    notes: z.array(z.string()),
    generatedAt: z.string(),
  })
  .meta({ title: 'Evidence packet' });
export type EvidencePacket = z.infer<typeof EvidencePacket>;
