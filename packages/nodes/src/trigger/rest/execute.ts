import { implementNode } from '../../define-node';
import { passThrough } from '../pass-through';
import { restTriggerNode } from './definition';

/** Pass-through: the recorded request is the trigger's output. */
export const restTriggerExecutor = implementNode(restTriggerNode, passThrough);
