import { z } from 'zod';
import { defineNode } from '../../../define-node';
import {
  connectionIdField,
  orderIdField,
  SHOPIFY_CONNECTION,
  SHOPIFY_PORTS,
  tagField,
} from '../shared/fields';

/** What add-note-tags emits. */
export const ShopifyNoteTagsResult = z.object({
  orderId: z.string(),
  legacyId: z.string(),
  /** Tags this step added (those already there are not repeated). */
  tagsAdded: z.array(z.string()),
  /** The order's tags afterwards. */
  tags: z.array(z.string()),
  /** Whether the note line was appended (false when it was already in the note). */
  noteAppended: z.boolean(),
  note: z.string().nullable(),
});
export type ShopifyNoteTagsResult = z.infer<typeof ShopifyNoteTagsResult>;

/** Adds tags and a note line to an order, keeping what is there. */
export const shopifyAddNoteTagsNode = defineNode({
  type: 'shopify.add-note-tags',
  version: 1,
  kind: 'action',
  title: 'Add note and tags',
  description: 'Add tags and append a note line to an order without overwriting either.',
  category: 'shopify',
  icon: 'tags',
  config: z
    .object({
      connectionId: connectionIdField,
      orderId: orderIdField,
      tags: z.array(tagField).max(250).default([]).meta({
        title: 'Tags',
        description: "Added to the order's tags; existing tags stay.",
      }),
      noteLine: z.string().trim().max(2000).optional().meta({
        title: 'Note line',
        description: "Appended to the order's note on a new line, unless the note already has it.",
        widget: 'textarea',
      }),
    })
    .superRefine((config, issues) => {
      if (config.tags.length === 0 && !config.noteLine) {
        issues.addIssue({ code: 'custom', path: ['tags'], message: 'add a tag or a note line' });
      }
    }),
  output: ShopifyNoteTagsResult,
  ports: SHOPIFY_PORTS,
  effects: true,
  connection: SHOPIFY_CONNECTION,
  docs: `Annotates an order without clobbering it. Shopify's \`orderUpdate\` *replaces* the note and
the tags it is given, so this node reads the order first:

- **Tags** go through \`tagsAdd\`, which only adds; tags the order already has (compared without
  case) are not sent again.
- **Note line** is appended on a new line after the current note, and skipped when the note
  already contains that exact line, so running the step twice changes nothing.

When an answer is lost the node reads the order again before writing anything a second time.`,
});

/** Add-note-tags settings after parsing. */
export type ShopifyAddNoteTagsConfig = z.infer<typeof shopifyAddNoteTagsNode.config>;
