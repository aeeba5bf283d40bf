/**
 * The runtime's side of trigger activation hooks, the same for every kind: a version's
 * `onEnable` says what to register while it is live (collected here, applied by the activation's
 * transaction), and `onDisable` hears when a version stopped being live.
 *
 * @module
 */
import type { FlowGraph } from '@paybridge/engine';
import {
  triggerNodeOf,
  type TriggerDeactivation,
  type TriggerDeclaration,
  type TriggerGraphNode,
} from '@paybridge/nodes/definitions';

/** What a live version holds, as its trigger's `onEnable` registered it. */
export interface TriggerRegistrations {
  /** The ingress key claimed for this flow alone (a REST path); null when none. */
  endpointKey: string | null;
  /** Fires count from this activation (the clock restarts); otherwise it carries on. */
  startClock: boolean;
}

/** Finds a graph's trigger node and declaration; the registry by default, a test's own kinds. */
export type TriggerFinder = (graph: {
  nodes: readonly TriggerGraphNode[];
}) => { node: TriggerGraphNode; trigger: TriggerDeclaration } | undefined;

/**
 * The registrations a version makes when it goes live. Asked at save too, to record what the
 * version would claim (so ingress can tell "inactive" from "unknown" for its path).
 */
export function enableRegistrations(
  graph: FlowGraph,
  find: TriggerFinder = triggerNodeOf,
): TriggerRegistrations {
  const registrations: TriggerRegistrations = { endpointKey: null, startClock: false };
  const found = find(graph);
  found?.trigger.onEnable?.(found.node, {
    claimEndpoint: (key) => {
      registrations.endpointKey = key;
    },
    startClock: () => {
      registrations.startClock = true;
    },
  });
  return registrations;
}

/** Tells a version's trigger that the version stopped being live (the change is committed). */
export function disableTrigger(
  flowId: string,
  graph: FlowGraph,
  reason: TriggerDeactivation['reason'],
  find: TriggerFinder = triggerNodeOf,
): void {
  const found = find(graph);
  found?.trigger.onDisable?.(found.node, { flowId, reason });
}
