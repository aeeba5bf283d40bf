import { implementNode } from '../../define-node';
import { respondNode, type RespondOutput } from './definition';

/** Builds the answer; an omitted body means "answer with what came in". */
export const respondExecutor = implementNode(respondNode, async (ctx) => {
  const { status, headers, body, format, filename } = ctx.config;
  const output: RespondOutput = {
    status,
    headers,
    body: body === undefined ? ctx.input : body,
    ...(format === undefined ? {} : { format }),
    ...(filename === undefined ? {} : { filename }),
  };
  return { port: 'out', output };
});
