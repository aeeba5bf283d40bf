import { implementNode } from '../../define-node';
import { branchNode } from './definition';

/**
 * Tries the rules in order and routes the unchanged input to the first truthy one. The condition
 * is wrapped in `$boolean(( ... ))` so truthiness is JSONata's own (`[]`, `{}`, `""` and `0` are
 * false), not JavaScript's; the newlines keep a trailing comment from swallowing the brackets.
 */
export const branchExecutor = implementNode(branchNode, async (ctx) => {
  for (const rule of ctx.config.rules) {
    const matched = await ctx.evaluate(`$boolean((\n${rule.when}\n))`, ctx.input);
    if (matched === true) return { port: rule.port, output: ctx.input };
  }
  return { port: 'default', output: ctx.input };
});
