import { z } from 'zod';
import { defineNode } from '../../define-node';
import { headerRecord } from '../../schemas/http-headers';
import {
  answerHeaderProblem,
  contentTypeProblem,
  DOWNLOAD_FILENAME,
  findContentType,
  inferFormat,
  RESPOND_FORMATS,
} from './answer-rules';

/**
 * The answer a sync REST caller receives. The runtime sends it through `hookAnswer`, which keeps
 * it to JSON, plain text or a download with the sandbox headers.
 */
export const RespondOutput = z.object({
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
  format: z.enum(RESPOND_FORMATS).optional(),
  filename: z.string().optional(),
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
  config: z
    .object({
      status: z
        .number()
        .int()
        .min(100)
        .max(599)
        .default(200)
        .meta({ title: 'Status', description: 'HTTP status code.' }),
      headers: headerRecord()
        .superRefine((headers, issues) => {
          // On the record itself, not on the header: a header whose value is an expression must
          // still be refused by its name.
          for (const name of Object.keys(headers)) {
            const problem = answerHeaderProblem(name);
            if (problem !== null) issues.addIssue({ code: 'custom', path: [], message: problem });
          }
        })
        .default({})
        .meta({ title: 'Headers', widget: 'key-value' }),
      format: z.enum(RESPOND_FORMATS).optional().meta({
        title: 'Format',
        description:
          'json, text or download (sent as an attachment). Empty: text for a text body, else JSON.',
        widget: 'select',
      }),
      filename: z
        .string()
        .regex(DOWNLOAD_FILENAME, 'a file name without slashes, quotes or control characters')
        .optional()
        .meta({
          title: 'File name',
          description: 'Name of the downloaded file (format download).',
        }),
      body: z.unknown().optional().meta({
        title: 'Body',
        description: 'Leave empty to respond with the input. Objects are sent as JSON.',
        widget: 'json',
      }),
    })
    .superRefine((config, issues) => {
      const contentType = findContentType(config.headers);
      const format = config.format ?? inferFormat(config.body, contentType);
      if (contentType !== undefined) {
        const problem = contentTypeProblem(contentType, format);
        const name = Object.keys(config.headers).find((k) => k.toLowerCase() === 'content-type')!;
        if (problem !== null)
          issues.addIssue({ code: 'custom', path: ['headers', name], message: problem });
      }
      if (format === 'download' && config.filename === undefined) {
        issues.addIssue({
          code: 'custom',
          path: ['filename'],
          message: 'a download needs a file name',
        });
      }
    }),
  output: RespondOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  answersCaller: true,
  docs: `Sends \`{ status, headers, body }\` to the caller of a **sync** REST trigger and passes the
same object on \`out\`. Without a body it responds with its input. Use \`=\` expressions in the body
to build it from the run's data, e.g. \`={ "orderId": $trigger.body.id, "status": "accepted" }\`.

The answer is JSON, plain text or a download (format \`download\` with a file name, sent as an
attachment); never HTML or JavaScript. It always carries \`Content-Security-Policy: sandbox\` and
\`X-Content-Type-Options: nosniff\`, and it cannot set cookies, redirect (\`Location\`) or set
security headers: such a config is refused on save, and such headers are dropped at run time.`,
});

/** Respond settings after defaults; `body` undefined means "answer with the input". */
export type RespondConfig = z.infer<typeof respondNode.config>;
