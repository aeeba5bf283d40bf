import { implementNode } from '../../define-node';
import { passThrough } from '../../trigger/pass-through';
import { shopifyTriggerNode } from './definition';

/** Pass-through: ingress records the verified delivery as the trigger's output. */
export const shopifyTriggerExecutor = implementNode(shopifyTriggerNode, passThrough);
