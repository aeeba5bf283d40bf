import { z } from 'zod';
import { defineNode } from '../../define-node';
import { jsonataSource } from '../../schemas/jsonata';

/**
 * Reshapes the incoming data with one JSONata expression: the workhorse between a trigger's
 * payload and a connector's request.
 */
export const mapNode = defineNode({
  type: 'map',
  version: 1,
  kind: 'action',
  title: 'Map',
  description: 'Reshape data with a JSONata expression.',
  category: 'core',
  icon: 'shuffle',
  config: z.object({
    expression: jsonataSource().meta({
      title: 'Expression',
      description: 'JSONata evaluated against the input; its result is the output.',
      placeholder: '{ "orderId": id, "total": total_price }',
      widget: 'jsonata',
    }),
  }),
  rawExpressionFields: ['expression'],
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: false,
  docs: `Evaluates a JSONata expression against the input and emits the result on \`out\`.

The expression is written without a leading \`=\`; \`$trigger\`, \`$node("id")\` and \`$env\` are
available. A result of "nothing" (no match) is emitted as \`null\`.

\`\`\`jsonata
{ "orderId": $string(id), "amount": $round(total_price * 100) }
\`\`\``,
});

/** Map settings after parsing. */
export type MapConfig = z.infer<typeof mapNode.config>;
