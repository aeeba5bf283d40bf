import { defineTrigger } from '../declare-trigger';
import { manualTriggerNode } from './definition';

/** The manual trigger: started through the runs API (the editor's Run button) only. */
export const manualTrigger = defineTrigger({ node: manualTriggerNode, channel: 'manual' });
