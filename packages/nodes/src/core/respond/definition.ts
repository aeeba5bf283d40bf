import { z } from 'zod';
import { defineNode } from '../../define-node';
import { headerRecord } from '../../schemas/http-headers';

/** The answer a sync REST caller receives; the runtime sends exactly this. */
export const RespondOutput = z.object({
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});
/** The answer for a sync REST caller. */
export type RespondOutput = z.infer<typeof RespondOutput>;

/**
 * Answers the caller of a sync REST trigger. It counts as an external effect: once a caller has
 * seen an answer, a replay must not pretend it did not happen.
 */
export const respondNode = defineNode({
  type: 'respond',
  version: 1,
  kind: 'action',
  title: 'Respond',
  description: 'Answer the caller of a sync REST trigger.',
  category: 'core',
  icon: 'reply',
  config: z.object({
    status: z
      .number()
      .int()
      .min(100)
      .max(599)
      .default(200)
      .meta({ title: 'Status', description: 'HTTP status code.' }),
    headers: headerRecord().default({}).meta({ title: 'Headers', widget: 'key-value' }),
    body: z.unknown().optional().meta({
      title: 'Body',
      description: 'Leave empty to respond with the input. Objects are sent as JSON.',
      widget: 'json',
    }),
  }),
  output: RespondOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  docs: `Sends \`{ status, headers, body }\` to the caller of a **sync** REST trigger and passes the
same object on \`out\`. Without a body it responds with its input. Use \`=\` expressions in the body
to build it from the run's data, e.g. \`={ "orderId": $trigger.body.id, "status": "accepted" }\`.`,
});

/** Respond settings after defaults; `body` undefined means "answer with the input". */
export type RespondConfig = z.infer<typeof respondNode.config>;
