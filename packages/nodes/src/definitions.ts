/**
 * Browser-safe entry point: every node definition, the spec lookup the engine validates with, and
 * the JSON catalogue the editor draws its palette and forms from. Nothing here may import server
 * code (`node:*`, undici, connectors' HTTP clients): the editor bundles this file.
 *
 * @module
 */
import type { SpecLookup } from '@paybridge/engine';
import type { AnyNodeDefinition } from './define-node';
import { catalogEntry, type NodeCatalogEntry } from './catalog';
import { restTriggerNode } from './trigger/rest/definition';
import { manualTriggerNode } from './trigger/manual/definition';
import { scheduleTriggerNode } from './trigger/schedule/definition';
import { mapNode } from './core/map/definition';
import { branchNode } from './core/branch/definition';
import { respondNode } from './core/respond/definition';
import { delayNode } from './core/delay/definition';
import { httpRequestNode } from './core/http-request/definition';
import { paytraceNodes } from './paytrace/nodes/definitions';
import { erpNodes } from './erp/nodes/definitions';
import { shopifyNodes } from './shopify/nodes/definitions';
import { shopifyTriggerNode } from './shopify/trigger/definition';
import { chargebackTriggerNode } from './trigger/chargeback/definition';
import { disputeNodes } from './disputes/definitions';
import { forEachNode } from './core/for-each/definition';
import { emailNode } from './notify/email/definition';
import { webhookNode } from './notify/webhook/definition';
import { importStatementNode } from './reconcile/import-statement/definition';
import { reconcileSettlementNode } from './reconcile/settlement/definition';
import { fraudScoreNode } from './fraud/score/definition';
import { fraudReviewNode } from './fraud/review/definition';

export {
  defineNode,
  NODE_CATEGORIES,
  type AnyNodeDefinition,
  type FieldWidget,
  type NodeCategory,
  type NodeDeclaration,
  type NodeDefinition,
} from './define-node';
export { CatalogPorts, JsonSchema, NodeCatalogEntry } from './catalog';
export {
  restTriggerNode,
  RestTriggerEvent,
  type RestTriggerConfig,
} from './trigger/rest/definition';
export {
  TriggerAuth,
  RestTriggerSecurity,
  CidrString,
  type TriggerAuthType,
} from './trigger/rest/trigger-auth';
export { RestTriggerRateLimit, DEFAULT_REST_RATE_PER_MINUTE } from './trigger/rest/rate-limit';
export {
  parseIp,
  parseCidr,
  createCidrSet,
  type CidrSet,
  type CidrRange,
  type IpAddress,
} from './trigger/rest/cidr';
export {
  webhookBearerConnection,
  webhookBasicConnection,
  webhookStandardConnection,
  webhookShopifyConnection,
  webhookConnections,
  TRIGGER_AUTH_CONNECTION_TYPES,
} from './trigger/rest/connections';
export { manualTriggerNode, type ManualTriggerConfig } from './trigger/manual/definition';
export {
  defineTrigger,
  type TriggerAccess,
  type TriggerActivation,
  type TriggerChannel,
  type TriggerConnectionRef,
  type TriggerDeclaration,
  type TriggerEndpoint,
  type TriggerEntryPoint,
  type TriggerFire,
  type TriggerDeactivation,
  type TriggerGraphNode,
  type TriggerHttpEvent,
  type TriggerHttpRequest,
  type TriggerSubscription,
} from './trigger/declare-trigger';
export {
  lookupTrigger,
  triggerDeclarations,
  triggerNodeOf,
  triggerTypesOn,
  triggerTypesFed,
} from './trigger/registry';
export {
  scheduleTriggerNode,
  ScheduleTriggerEvent,
  isTimeZone,
  type ScheduleTriggerConfig,
} from './trigger/schedule/definition';
export { nextFireTimes, dueFireTimes, scheduleTriggerEvent } from './trigger/schedule/fire-times';
export { mapNode, type MapConfig } from './core/map/definition';
export { branchNode, type BranchConfig } from './core/branch/definition';
export { respondNode, RespondOutput, type RespondConfig } from './core/respond/definition';
export {
  hookAnswer,
  HOOK_ANSWER_SECURITY_HEADERS,
  type HookAnswer,
} from './core/respond/hook-answer';
export { delayNode, MAX_DELAY_MS, type DelayConfig } from './core/delay/definition';
export {
  httpRequestNode,
  HttpResponseOutput,
  HTTP_METHODS,
  type HttpRequestConfig,
} from './core/http-request/definition';

export {
  defineConnection,
  isSecretField,
  type AnyConnectionDefinition,
  type ConnectionDeclaration,
  type ConnectionDefinition,
  type ConnectionValues,
} from './connections/define-connection';
export {
  connectionDefinitions,
  connectionCatalog,
  lookupConnectionType,
  ConnectionCatalogEntry,
  type ConnectionTypeName,
} from './connections/registry';
export { httpHeaderAuthConnection } from './connections/http/header-auth';
export { httpBasicAuthConnection } from './connections/http/basic-auth';
export { HTTP_AUTH_CONNECTION_TYPES } from './connections/http/auth-types';
export {
  shopifyConnection,
  webhookSecretsOf,
  type ShopifyConnectionValues,
} from './shopify/connection';
export { SHOPIFY_TOPICS, ShopifyTopic } from './shopify/topics';
export {
  shopifyTriggerNode,
  ShopifyTriggerEvent,
  type ShopifyTriggerConfig,
} from './shopify/trigger/definition';

export {
  paytraceConnection,
  PAYTRACE_ENVIRONMENTS,
  PAYTRACE_HOSTS,
  type PaytraceConnectionValues,
  type PaytraceEnvironment,
} from './paytrace/connection';
export * from './paytrace/nodes/definitions';
export * from './shopify/nodes/definitions';
export * from './erp/nodes/definitions';
export { quickbooksConnection, QuickbooksEnvironment } from './erp/quickbooks/connection';
export * from './core/for-each/definition';
export * from './notify/email/definition';
export * from './notify/webhook/definition';
export * from './fraud/score/definition';
export * from './fraud/review/definition';
export * from './connections/smtp/connection';

/** Every node type the product ships, in palette order within each category. */
export const nodeDefinitions = [
  restTriggerNode,
  manualTriggerNode,
  scheduleTriggerNode,
  shopifyTriggerNode,
  chargebackTriggerNode,
  mapNode,
  branchNode,
  respondNode,
  delayNode,
  httpRequestNode,
  ...paytraceNodes,
  ...shopifyNodes,
  ...erpNodes,
  forEachNode,
  emailNode,
  webhookNode,
  ...disputeNodes,
  reconcileSettlementNode,
  importStatementNode,
  fraudScoreNode,
  fraudReviewNode,
] as const;

/** The union of shipped type names; registries keyed by it must cover every node type. */
export type NodeTypeName = (typeof nodeDefinitions)[number]['type'];

/** The definition of one shipped type, with its config type intact. */
export type NodeDefinitionOf<T extends NodeTypeName> = Extract<
  (typeof nodeDefinitions)[number],
  { type: T }
>;

const byKey = new Map<string, AnyNodeDefinition>(
  nodeDefinitions.map((definition) => [`${definition.type}@${definition.version}`, definition]),
);

/** Finds a definition by type and version; `undefined` for unknown types and versions. */
export function lookupDefinition(type: string, version: number): AnyNodeDefinition | undefined {
  return byKey.get(`${type}@${version}`);
}

/** The engine's view of the same lookup, for graph validation on save and in the editor. */
export const lookupSpec: SpecLookup = lookupDefinition;

/**
 * The palette and form data for every node type, as JSON. Built on each call, so callers own the
 * result and may keep or change it without affecting anyone else.
 */
export function nodeCatalog(): NodeCatalogEntry[] {
  return nodeDefinitions.map((definition) => catalogEntry(definition));
}

export * from './disputes/index';
