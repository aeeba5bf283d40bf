/**
 * `trigger.chargeback`: where chargebacks arrive. One endpoint for processor notifications,
 * signed with Standard Webhooks, and the Shopify store's dispute webhooks; rows of an imported
 * chargeback report reach the same flows. Every arrival is handed to the flow as it came; the
 * `dispute.case` node reads each channel's shape into one case.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../define-node';
import { ShopifyTopic } from '../../shopify/topics';
import { RestTriggerRateLimit } from '../rest/rate-limit';
import { CidrString } from '../rest/trigger-auth';

/** A hooks path, as REST triggers take them: lowercase segments, no dots. */
const PATH = /^[a-z0-9_-]+(?:\/[a-z0-9_-]+)*$/;

/** The Shopify topics a chargeback intake takes. */
export const CHARGEBACK_SHOPIFY_TOPICS = ['disputes/create', 'disputes/update'] as const;

export const chargebackTriggerNode = defineNode({
  type: 'trigger.chargeback',
  version: 1,
  kind: 'trigger',
  title: 'Chargeback intake',
  description:
    'Start the flow on a chargeback: processor notifications, Shopify disputes, report imports.',
  category: 'trigger',
  icon: 'shield-alert',
  config: z.object({
    path: z
      .string()
      .min(1)
      .max(200)
      .regex(PATH, 'lowercase letters, digits, "-" and "_", in segments separated by "/"')
      .refine((p) => p !== 'shopify' && !p.startsWith('shopify/'), '"shopify/" is reserved')
      .default('chargebacks/paytrace')
      .meta({
        title: 'Notification path',
        description:
          'Processor notifications are POSTed to the hooks URL followed by this path, e.g. `chargebacks/paytrace`.',
        placeholder: 'chargebacks/paytrace',
      }),
    auth: z
      .object({
        type: z.literal('standard-webhooks').default('standard-webhooks'),
        connectionId: z.uuid().meta({
          title: 'Signing secret',
          description:
            'A Standard Webhooks connection holding the secret notifications are signed with.',
        }),
      })
      .meta({
        title: 'Signature',
        description:
          'Notifications must carry a valid Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature); others are refused with 401.',
      }),
    ipAllowList: z.array(CidrString).max(100).default([]).meta({
      title: 'IP allow-list',
      description: 'CIDR ranges notifications must come from; empty allows any address.',
    }),
    trustedProxies: z.array(CidrString).max(100).default([]).meta({
      title: 'Trusted proxies',
      description: 'Proxies whose X-Forwarded-For is believed.',
    }),
    rateLimit: RestTriggerRateLimit,
    processor: z.string().min(1).max(40).default('paytrace').meta({
      title: 'Processor',
      description: 'Who sends the notifications (their case numbers are the cases).',
    }),
    connectionId: z.string().default('').meta({
      title: 'Shopify store',
      description: 'Also take this store’s dispute webhooks (Shopify Payments). Empty: none.',
      widget: 'connection',
    }),
    topics: z
      .array(ShopifyTopic)
      .default([...CHARGEBACK_SHOPIFY_TOPICS])
      .refine((t) => t.every((x) => x.startsWith('disputes/')), 'only dispute topics')
      .meta({ title: 'Shopify topics' }),
    gatewayNames: z.array(z.string()).max(0).default([]).meta({
      title: 'Only payment gateways',
      description: 'Not used: disputes belong to the store’s payments.',
    }),
  }),
  output: z.unknown(),
  ports: { inputs: [], outputs: ['out'] },
  effects: false,
  connection: { type: 'shopify', field: 'connectionId', optional: true },
  rawExpressionFields: [
    'path',
    'auth',
    'ipAllowList',
    'trustedProxies',
    'rateLimit',
    'processor',
    'connectionId',
    'topics',
    'gatewayNames',
  ],
  docs: `Starts the flow on a chargeback, from every channel one arrives by:

- **Processor notifications** POSTed to the hooks URL followed by \`path\`, signed with
  [Standard Webhooks](https://www.standardwebhooks.com/) (\`webhook-id\`, \`webhook-timestamp\`,
  \`webhook-signature\`) under the secret of the chosen connection. The body is
  \`{ type, timestamp, data: { case_number, transaction_id, amount, currency, reason_code,
  reply_by_date, … } }\`. PayTrace documents no chargeback notification: this shape is what
  Paybridge accepts, and the PayTrace simulator sends it (marked UNCONFIRMED there).
- **Shopify disputes** (\`disputes/create\`, \`disputes/update\`) of the chosen store, when one is
  chosen: subscribe them to the store's hooks URL as for a Shopify trigger.
- **Report rows**: \`POST /api/disputes/report\` (the Disputes page's upload) hands each new row
  of PayTrace's chargeback report to the active flows with this trigger.

A notification is read at the door: one that is not a chargeback (no case number, amount,
received date) is refused with \`422\` naming the field, and nothing is stored. The output is
\`{ channel: "processor-notice", notice }\` for a notification, the Shopify event
\`{ topic, body, … }\` for a dispute webhook, or \`{ channel: "report", line, notice }\` for a
report row. Follow it with **Dispute case**, which reads any of them into one case per case number.`,
});

/** Chargeback intake settings after defaults. */
export type ChargebackTriggerConfig = z.infer<typeof chargebackTriggerNode.config>;
