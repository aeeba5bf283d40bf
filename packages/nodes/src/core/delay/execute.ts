import { implementNode } from '../../define-node';
import { delayNode, type DelayConfig } from './definition';

function wakeAt(config: DelayConfig, now: Date): Date {
  return config.until === undefined
    ? new Date(now.getTime() + (config.ms ?? 0))
    : new Date(config.until);
}

/**
 * First call: suspends until the computed time (nothing to wait for when it is already past).
 * Resumed call: the wait is over, pass the input on. The wake-up time is kept in the suspension
 * state so the run history shows what the step was waiting for.
 */
export const delayExecutor = implementNode(delayNode, async (ctx) => {
  if (ctx.resume !== undefined) return { port: 'out', output: ctx.input };
  const until = wakeAt(ctx.config, ctx.now());
  if (until.getTime() <= ctx.now().getTime()) return { port: 'out', output: ctx.input };
  return { suspendUntil: until, state: { until: until.toISOString() } };
});
