import { implementNode } from '../../define-node';
import { passThrough } from '../pass-through';
import { manualTriggerNode } from './definition';

/** Pass-through: the operator's payload is the trigger's output. */
export const manualTriggerExecutor = implementNode(manualTriggerNode, passThrough);
