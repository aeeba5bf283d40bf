import { implementNode } from '../../define-node';
import { respondNode, type RespondOutput } from './definition';

/** Builds the answer; an omitted body means "answer with what came in". */
export const respondExecutor = implementNode(respondNode, async (ctx) => {
  const { status, headers, body } = ctx.config;
  const output: RespondOutput = { status, headers, body: body === undefined ? ctx.input : body };
  return { port: 'out', output };
});
