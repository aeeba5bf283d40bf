import { z } from 'zod';
import { FAN_OUT_MAX_CONCURRENCY, FAN_OUT_MAX_ITEMS } from '@paybridge/engine';
import { defineNode } from '../../define-node';
import { jsonataSource } from '../../schemas/jsonata';

/** What the nodes after `item` receive, once per item. */
export const ForEachItem = z.object({
  item: z.unknown(),
  index: z.number().int(),
  key: z.string(),
});

/** What `done` emits once every item is done. */
export const ForEachDone = z.object({
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({
      key: z.string(),
      index: z.number().int(),
      status: z.enum(['ok', 'failed']),
      output: z.unknown(),
      error: z.unknown(),
    }),
  ),
});

/**
 * Durable iteration: the nodes after `item` run once per item, each item checkpointed on its own,
 * then `done` carries every item's result. The engine does the iterating (see the engine's
 * `fan-out.ts`); this node only decides the items, their keys and the concurrency.
 */
export const forEachNode = defineNode({
  type: 'for-each',
  version: 1,
  kind: 'action',
  title: 'For each',
  description: 'Run the following nodes once per item of a list, then continue with the results.',
  category: 'core',
  icon: 'repeat',
  config: z.object({
    items: z
      .array(z.unknown())
      .default([])
      .meta({
        title: 'Items',
        description: `An expression giving the list to go through, e.g. =$trigger.body.line_items (at most ${FAN_OUT_MAX_ITEMS} items).`,
        placeholder: '=$trigger.body.line_items',
        widget: 'jsonata',
      }),
    itemKey: jsonataSource().optional().meta({
      title: 'Item key',
      description:
        'JSONata evaluated against each item giving its stable id (e.g. id). Effects inside the loop are recorded per key, so a replay with the list in another order repeats nothing. Empty: the position in the list.',
      placeholder: 'id',
      widget: 'jsonata',
    }),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(FAN_OUT_MAX_CONCURRENCY)
      .default(1)
      .meta({
        title: 'Concurrency',
        description: `How many items run at once (1 to ${FAN_OUT_MAX_CONCURRENCY}). 1 runs them one after the other, in order.`,
        widget: 'number',
      }),
  }),
  rawExpressionFields: ['itemKey'],
  output: z.union([
    ForEachDone,
    z.object({ items: z.array(z.unknown()), concurrency: z.number() }),
  ]),
  ports: { inputs: ['in'], outputs: ['item', 'done', 'error'] },
  iterate: { itemPort: 'item', donePort: 'done' },
  effects: false,
  docs: `Runs the nodes connected to **item** once per element of **Items**, then emits on **done**.

- Each node after \`item\` receives \`{ item, index, key }\` (use \`$.item\` in its fields). Inside
  the loop, \`$node("id")\` reads the current item's nodes.
- **Durable**: every item's steps are checkpointed on their own. After a crash or a retry the run
  goes on at the first unfinished item; finished items are never run again, and effects inside
  the loop (an email, a webhook, a charge) are recorded per item **key**, so a replay repeats none.
- **Failures**: a transient failure retries that item alone. An item whose node fails for good
  is recorded as \`failed\` and the other items go on; **done** emits
  \`{ total, succeeded, failed, results: [{ key, index, status, output, error }] }\`, where
  \`output\` is the output of the item's last node.
- **Concurrency** runs up to that many items at once (default 1: in order). When an item has to
  wait for a retry, no new item starts until it has run.
- At most ${FAN_OUT_MAX_ITEMS} items; more fails the node with \`FOR_EACH_TOO_MANY_ITEMS\`.
  Nodes after \`item\` may be reached only from it (continue after the loop from **done**), and
  a for-each cannot sit inside another one.`,
});

/** For-each settings after parsing. */
export type ForEachConfig = z.infer<typeof forEachNode.config>;
