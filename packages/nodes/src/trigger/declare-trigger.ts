import type { FlowGraph } from '@paybridge/engine';
import type { AnyNodeDefinition } from '../define-node';

/** One node of a saved graph, as trigger declarations read it. */
export type TriggerGraphNode = FlowGraph['nodes'][number];

/**
 * What a trigger kind subscribes to. The runtime runs one ingress per channel (the hooks endpoint
 * table, Shopify webhook fan-out and polling, the scheduler, the runs API) and finds the kinds it
 * serves by asking the registry, never by type name.
 */
export type TriggerChannel = 'http' | 'shopify' | 'schedule' | 'manual';

/** A connection a trigger's settings name outside a node spec's `connection` field. */
export interface TriggerConnectionRef {
  nodeId: string;
  connectionId: string;
  /** Path into the graph, as validation issues use: `['nodes', i, 'config', 'auth', 'connectionId']`. */
  path: (string | number)[];
  /** The connection type the setting needs. */
  type: string;
}

/** The source (a store's connection) and topics a trigger listens to on a shared channel. */
export interface TriggerSubscription {
  source: string;
  /** The source in words, for warnings: "Shopify store". */
  sourceLabel: string;
  topics: string[];
}

/** Where outside systems send events to start a flow, relative to the runtime's base URL. */
export interface TriggerEntryPoint {
  kind: 'rest' | 'shopify';
  /** Path below the base URL, without a leading slash: `hooks/orders`. */
  path: string;
  topics: string[];
  hint: string;
}

/**
 * How the http channel serves a trigger's endpoint. Who may call it is read by the runtime from
 * the same settings (`RestTriggerSecurity`), since it compiles network rules once per table load.
 */
export interface TriggerEndpoint {
  mode: 'async' | 'sync';
  timeoutMs: number;
  /** Authenticated requests accepted (`perMinute` 0: unlimited). */
  rateLimit: { perMinute: number; burst: number };
}

/** One due fire of a schedule-channel trigger: when, and the event it hands to the flow. */
export interface TriggerFire {
  at: Date;
  event: unknown;
}

/**
 * A trigger kind's contract beside its node definition, as actions have theirs: what it
 * subscribes to and everything the runtime needs to know about it without naming its type.
 * Every hook is optional; a kind declares only what its channel uses. All of it is IO-free.
 */
export interface TriggerDeclaration {
  node: AnyNodeDefinition;
  channel: TriggerChannel;
  /**
   * Further channels whose events the kind also takes, reading its settings the way that
   * channel's own kinds do (a chargeback intake answers its REST endpoint and takes the store's
   * dispute webhooks).
   */
  alsoOn?: readonly TriggerChannel[];
  /**
   * Events the runtime produces itself that the kind's flows receive, by feed name (rows of an
   * uploaded report): the producer finds the flows through `triggerTypesFed`, by feed.
   */
  feeds?: readonly string[];
  /** The unique ingress key activation claims (a REST path); null when the node claims none. */
  endpointKey?(node: TriggerGraphNode): string | null;
  /** Http channel: how requests to the endpoint are answered and limited. */
  endpoint?(node: TriggerGraphNode): TriggerEndpoint;
  /** Connections named inside the settings, for the save-time existence check. */
  connectionRefs?(node: TriggerGraphNode, index: number): TriggerConnectionRef[];
  /** Warnings the flow API returns beside a saved or fetched flow. */
  warnings?(node: TriggerGraphNode): string[];
  /** What a flow subscribes to on a shared source, for overlap warnings; null when unset. */
  subscription?(node: TriggerGraphNode): TriggerSubscription | null;
  /** Where events must be sent, for installs to tell the user. */
  entryPoint?(node: TriggerGraphNode): TriggerEntryPoint | null;
  /**
   * Schedule channel: the fires due after `since` up to `now` (at most `max`), oldest first;
   * none when the settings do not parse.
   */
  dueFires?(node: TriggerGraphNode, since: Date, now: Date, max: number): TriggerFire[];
}

/** Declares a trigger kind; typed identity, so each declaration is checked where it is written. */
export function defineTrigger(declaration: TriggerDeclaration): TriggerDeclaration {
  return declaration;
}
