import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { MAX_METAFIELDS_PER_SET } from '../../graphql/metafields';
import { connectionIdField, SHOPIFY_CONNECTION, SHOPIFY_PORTS } from '../shared/fields';
import { ShopifyMetafield } from '../shared/outputs';

/** The namespace Paybridge keeps PayTrace references in. */
export const PAYTRACE_NAMESPACE = 'paytrace';

/** The PayTrace references with a fixed home: `paytrace.<key>`. */
export const PAYTRACE_KEYS = {
  transactionId: 'transaction_id',
  customerVaultId: 'customer_vault_id',
  approvalCode: 'approval_code',
} as const;

const reference = (title: string) => z.string().trim().min(1).max(255).optional().meta({ title });

/** One metafield to write. */
export const MetafieldEntry = z.object({
  namespace: z.string().min(3).max(255).default(PAYTRACE_NAMESPACE).meta({ title: 'Namespace' }),
  key: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -')
    .meta({ title: 'Key' }),
  type: z.string().min(1).max(100).default('single_line_text_field').meta({
    title: 'Type',
    description: 'A Shopify metafield type, e.g. single_line_text_field, number_integer, json.',
  }),
  value: z.string().max(65_535).meta({ title: 'Value', description: 'Always text; JSON as text.' }),
});
export type MetafieldEntry = z.infer<typeof MetafieldEntry>;

/** What set-metafields emits. */
export const ShopifyMetafieldsResult = z.object({
  ownerId: z.string(),
  metafields: z.array(ShopifyMetafield),
});
export type ShopifyMetafieldsResult = z.infer<typeof ShopifyMetafieldsResult>;

/** Writes metafields on an order or customer, all or nothing. */
export const shopifySetMetafieldsNode = defineNode({
  type: 'shopify.set-metafields',
  version: 1,
  kind: 'action',
  title: 'Set metafields',
  description: 'Write PayTrace references (and other metafields) on an order or customer.',
  category: 'shopify',
  icon: 'database',
  config: z
    .object({
      connectionId: connectionIdField,
      ownerType: z.enum(['order', 'customer']).default('order').meta({
        title: 'On',
        widget: 'select',
      }),
      ownerId: z.union([z.string().min(1).max(200), z.number()]).meta({
        title: 'Order or customer',
        description: 'Global id or number as text.',
      }),
      paytrace: z
        .object({
          transactionId: reference('PayTrace transaction id'),
          customerVaultId: reference('PayTrace vault customer id'),
          approvalCode: reference('Approval code'),
        })
        .default({})
        .meta({
          title: 'PayTrace references',
          description:
            'Written as paytrace.transaction_id, paytrace.customer_vault_id and paytrace.approval_code.',
        }),
      metafields: z.array(MetafieldEntry).default([]).meta({ title: 'Other metafields' }),
    })
    .superRefine((config, issues) => {
      const keys = [
        ...Object.entries(config.paytrace)
          .filter(([, value]) => value !== undefined)
          .map(
            ([field]) =>
              `${PAYTRACE_NAMESPACE}.${PAYTRACE_KEYS[field as keyof typeof PAYTRACE_KEYS]}`,
          ),
        ...config.metafields.map((entry) => `${entry.namespace}.${entry.key}`),
      ];
      if (keys.length === 0) {
        issues.addIssue({
          code: 'custom',
          path: ['metafields'],
          message: 'set at least one value',
        });
      }
      if (keys.length > MAX_METAFIELDS_PER_SET) {
        issues.addIssue({
          code: 'custom',
          path: ['metafields'],
          message: `at most ${MAX_METAFIELDS_PER_SET} metafields at once (Shopify's limit)`,
        });
      }
      const seen = new Set<string>();
      for (const key of keys) {
        if (seen.has(key)) {
          issues.addIssue({ code: 'custom', path: ['metafields'], message: `${key} is set twice` });
        }
        seen.add(key);
      }
    }),
  output: ShopifyMetafieldsResult,
  ports: SHOPIFY_PORTS,
  effects: true,
  connection: SHOPIFY_CONNECTION,
  docs: `Writes up to 25 metafields in one \`metafieldsSet\` call: all are written or none. The
**PayTrace references** go to namespace \`paytrace\` (\`transaction_id\`, \`customer_vault_id\`,
\`approval_code\`) as single-line text; **Get customer** reads the vault id back.

Setting a metafield to the value it has changes nothing, so the step is safe to repeat. Shopify's
refusals (a key too short, a value that does not fit the type) go to the **error** port with the
field and message.`,
});

/** Set-metafields settings after defaults. */
export type ShopifySetMetafieldsConfig = z.infer<typeof shopifySetMetafieldsNode.config>;
