import { implementNode } from '../../define-node';
import { toPlainData } from '../../expression-result';
import { mapNode } from './definition';

/** Evaluates the expression against the input and emits the result as plain JSON data. */
export const mapExecutor = implementNode(mapNode, async (ctx) => {
  const result = await ctx.evaluate(ctx.config.expression, ctx.input);
  return { port: 'out', output: toPlainData(result) };
});
