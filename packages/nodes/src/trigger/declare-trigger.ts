import type { FlowGraph } from '@paybridge/engine';
import type { AnyNodeDefinition } from '../define-node';
import type { TriggerAuth } from './rest/trigger-auth';

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
 * How the http channel serves a trigger's endpoint. Who may call it is declared apart
 * (`access`), since the runtime compiles its network rules once per table load.
 */
export interface TriggerEndpoint {
  mode: 'async' | 'sync';
  timeoutMs: number;
  /** Authenticated requests accepted (`perMinute` 0: unlimited). */
  rateLimit: { perMinute: number; burst: number };
}

/**
 * Who may call an http-channel endpoint: the authentication method (its secrets stay in the named
 * connection) and the network rules. The runtime verifies requests against it before reading
 * the body, the same way for every kind.
 */
export interface TriggerAccess {
  auth: TriggerAuth;
  /** CIDR ranges callers must come from; empty allows any address. */
  ipAllowList: string[];
  /** Proxies whose `X-Forwarded-For` is believed. */
  trustedProxies: string[];
}

/**
 * An authenticated request to an http-channel endpoint, as the runtime hands it to the kind:
 * credentials and signatures already removed from the headers, the body parsed by its content
 * type (JSON as values, a form as its fields, anything else as its text, `null` when empty).
 */
export interface TriggerHttpRequest {
  method: string;
  /** The endpoint key the request came in on (the path below `/hooks/`). */
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The `Content-Type` header, '' when absent. */
  contentType: string;
  body: unknown;
}

/**
 * What an http-channel kind makes of a request: the event its flow receives (the runtime checks
 * it for card data and unstorable text, then stores it), or a refusal the caller gets as a 4xx
 * with the code and message, nothing stored.
 */
export type TriggerHttpEvent =
  | { ok: true; event: unknown }
  | { ok: false; status: 400 | 415 | 422; code: string; message: string };

/**
 * What a trigger kind registers while one of its flow versions is live. The runtime applies the
 * registrations in the same transaction that makes the version live, and they last exactly as
 * long as it stays live (a switch to another version replaces them, deactivation drops them).
 */
export interface TriggerActivation {
  /**
   * Claims an ingress key (the http channel's path below `/hooks/`) for this flow alone;
   * activation is refused (409) while another live flow holds the same key.
   */
  claimEndpoint(key: string): void;
  /** Starts the kind's clock at this activation: fires are counted from now, none before. */
  startClock(): void;
}

/** Why a flow version stopped being live, for a kind's `onDisable`. */
export interface TriggerDeactivation {
  readonly flowId: string;
  /** `replaced`: another version of the flow went live in its place. */
  readonly reason: 'replaced' | 'deactivated' | 'deleted';
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
  /**
   * Called when a flow version with this trigger becomes live (created active, activated, made
   * live in place of another version): registers through `ctx` what the runtime must keep for
   * it, such as the endpoint key it claims. Also asked at save, to record what the version would
   * claim. Must not throw for settings that saved.
   */
  onEnable?(node: TriggerGraphNode, ctx: TriggerActivation): void;
  /**
   * Called once a flow version with this trigger stopped being live (replaced, deactivated,
   * deleted), after the change is committed. Registrations made by `onEnable` are already gone;
   * this is for anything the kind keeps beyond them.
   */
  onDisable?(node: TriggerGraphNode, ctx: TriggerDeactivation): void;
  /** Http channel: how requests to the endpoint are answered and limited. */
  endpoint?(node: TriggerGraphNode): TriggerEndpoint;
  /**
   * Http channel: who may call the endpoint; null when the stored settings do not parse, and then
   * every request is refused (guessing "no auth" would open an endpoint meant to be closed).
   */
  access?(node: TriggerGraphNode): TriggerAccess | null;
  /** Http channel: the event an authenticated request becomes, or a refusal. IO-free. */
  toEvent?(node: TriggerGraphNode, request: TriggerHttpRequest): TriggerHttpEvent;
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
