import { PermanentError } from '@paybridge/engine';
import { implementNode } from '../../define-node';
import { mapNode } from './definition';

/** Evaluates the expression against the input; "no match" (`undefined`) is emitted as `null`. */
export const mapExecutor = implementNode(mapNode, async (ctx) => {
  const result = await ctx.evaluate(ctx.config.expression, ctx.input);
  if (typeof result === 'function') {
    // `$sum` without arguments yields a function; it cannot be stored or passed on.
    throw new PermanentError('MAP_RESULT_NOT_DATA', 'the expression evaluated to a function');
  }
  return { port: 'out', output: result === undefined ? null : result };
});
