import { z } from 'zod';
import { defineNode } from '../../define-node';

/**
 * Started by an operator from the editor or the API, with whatever JSON payload they post. Used to
 * test flows and to run one-off jobs; the payload becomes the trigger's output unchanged.
 */
export const manualTriggerNode = defineNode({
  type: 'trigger.manual',
  version: 1,
  kind: 'trigger',
  title: 'Manual',
  description: 'Start the flow by hand with a JSON payload.',
  category: 'trigger',
  icon: 'play',
  config: z.object({}),
  ports: { inputs: [], outputs: ['out'] },
  effects: false,
  docs: `Runs the flow when an operator clicks **Run** (or calls the runs API).
The posted JSON payload is the trigger's output, unchanged.`,
});

/** Manual trigger settings (none yet; the type keeps the registry uniform). */
export type ManualTriggerConfig = z.infer<typeof manualTriggerNode.config>;
