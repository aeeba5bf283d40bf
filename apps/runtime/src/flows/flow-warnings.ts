import { graphWarnings, type FlowGraph } from '@paybridge/engine';
import { lookupSpec } from '@paybridge/nodes/definitions';
import { triggerWarnings } from './trigger-warnings';

/**
 * Everything the flow API warns about in a graph that saves: how its REST trigger can be
 * reached, and payment nodes whose `declined` or `error` port leads nowhere. Returned beside a
 * saved, fetched, validated or activated flow, so the author reads them before the first order.
 */
export function flowWarnings(graph: FlowGraph): string[] {
  return [...triggerWarnings(graph), ...graphWarnings(graph, lookupSpec).map((w) => w.message)];
}
