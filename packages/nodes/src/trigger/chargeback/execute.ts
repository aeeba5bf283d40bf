import { implementNode } from '../../define-node';
import { passThrough } from '../pass-through';
import { chargebackTriggerNode } from './definition';

/** Pass-through: what arrived (notification, Shopify dispute, report row) is the output. */
export const chargebackTriggerExecutor = implementNode(chargebackTriggerNode, passThrough);
