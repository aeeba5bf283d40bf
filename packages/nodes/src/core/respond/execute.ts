import { implementNode } from '../../define-node';
import { respondNode, type RespondOutput } from './definition';
import { attachment } from './hook-answer';

/**
 * Builds the answer; an omitted body means "answer with what came in". A download carries its
 * attachment header in the output, since the run's response keeps only status, headers and body.
 */
export const respondExecutor = implementNode(respondNode, async (ctx) => {
  const { status, headers, body, format, filename } = ctx.config;
  const output: RespondOutput = {
    status,
    headers:
      format === 'download' ? { ...headers, 'Content-Disposition': attachment(filename) } : headers,
    body: body === undefined ? ctx.input : body,
    ...(format === undefined ? {} : { format }),
    ...(filename === undefined ? {} : { filename }),
  };
  return { port: 'out', output };
});
