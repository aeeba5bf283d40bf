import { defineTrigger } from '../declare-trigger';
import { scheduleTriggerNode } from './definition';
import { dueFireTimes, scheduleTriggerEvent } from './fire-times';

/** The schedule trigger: cron fires in a time zone, turned into runs by the scheduler. */
export const scheduleTrigger = defineTrigger({
  node: scheduleTriggerNode,
  channel: 'schedule',
  /** Fires are counted from the activation: a version made live never catches up older ones. */
  onEnable(_node, ctx) {
    ctx.startClock();
  },
  dueFires(node, since, now, max) {
    const parsed = scheduleTriggerNode.config.safeParse(node.config);
    if (!parsed.success) return [];
    return dueFireTimes(parsed.data, since, now, max).map((at) => ({
      at,
      event: scheduleTriggerEvent(parsed.data, at),
    }));
  },
});
