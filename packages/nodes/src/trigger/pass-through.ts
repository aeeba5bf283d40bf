import type { ExecuteContext, NodeResult } from '@paybridge/engine';

/**
 * Triggers are not executed: ingress records the event as the trigger's output. The executor
 * exists so every type has one (the lookup is total) and so replaying a trigger step is the
 * identity: what came in is what the flow sees.
 */
export async function passThrough(ctx: ExecuteContext<unknown>): Promise<NodeResult> {
  return { output: ctx.input };
}
