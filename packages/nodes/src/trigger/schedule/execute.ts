import { implementNode } from '../../define-node';
import { passThrough } from '../pass-through';
import { scheduleTriggerNode } from './definition';

/** Pass-through: the fire event built by `scheduleTriggerEvent` is the trigger's output. */
export const scheduleTriggerExecutor = implementNode(scheduleTriggerNode, passThrough);
