/**
 * What run history shows to roles that may not see secrets. The engine scrubs every known secret
 * (and its encoded spellings) from what it records, but a service that echoes the credentials it
 * was sent can transform them (reverse, split, re-encode) past any string match. So the raw
 * response of a step that sent an HTTP auth connection's credentials, and everything recorded
 * after it in the run (later steps can copy it with `$node(...)`), is shown to admins only, who
 * may manage the secrets anyway. Other roles keep the shape of the run: statuses, ports, timings,
 * the HTTP status, error codes.
 *
 * @module
 */
import {
  connectionIdOf,
  connectionTypes,
  type FlowGraph,
  type NodeConnectionSpec,
  type StepError,
} from '@paybridge/engine';
import {
  HTTP_AUTH_CONNECTION_TYPES,
  lookupDefinition,
  nodeDefinitions,
} from '@paybridge/nodes/definitions';
import { roleAtLeast, type Role } from '../auth/roles';

/** What stands in for withheld data. */
export const WITHHELD = {
  withheld: 'CONNECTION_RESPONSE',
  message: "Data that may echo a connection's credentials is shown to admins only",
} as const;

/** Roles that see run data unredacted: those that may manage connection secrets. */
export function seesCredentialEchoes(role: Role): boolean {
  return roleAtLeast(role, 'admin');
}

const HTTP_AUTH: ReadonlySet<string> = new Set(HTTP_AUTH_CONNECTION_TYPES);

function acceptsHttpAuth(spec: NodeConnectionSpec | undefined): spec is NodeConnectionSpec {
  return spec !== undefined && connectionTypes(spec).some((type) => HTTP_AUTH.has(type));
}

/** Node types that can send an HTTP auth connection's credentials (any version). */
const CREDENTIAL_SENDING_TYPES: ReadonlySet<string> = new Set(
  nodeDefinitions.filter((d) => acceptsHttpAuth(d.connection)).map((d) => d.type),
);

/**
 * Ids of the nodes of a graph that send an HTTP auth connection's credentials: their definition
 * accepts one and their config names one. Such a node's output is the service's raw answer.
 * Steps of a node missing from the graph (recorded on another version before a retry on the
 * latest) count when their type can send credentials: what they did is no longer known.
 */
export function credentialedNodeIds(
  graph: FlowGraph | null | undefined,
  steps: readonly { nodeId: string; nodeType: string }[] = [],
): Set<string> {
  const ids = new Set<string>();
  const known = new Set<string>();
  for (const node of graph?.nodes ?? []) {
    known.add(node.id);
    const spec = lookupDefinition(node.type, node.typeVersion)?.connection;
    if (acceptsHttpAuth(spec) && connectionIdOf(node, spec) !== undefined) ids.add(node.id);
  }
  for (const step of steps) {
    if (!known.has(step.nodeId) && CREDENTIAL_SENDING_TYPES.has(step.nodeType)) {
      ids.add(step.nodeId);
    }
  }
  return ids;
}

/** A run error as non-admins see it after a credentialed step: class and code, no text. */
export function withheldError(error: unknown): unknown {
  if (error === null || typeof error !== 'object') return error;
  const { errorClass, code } = error as Partial<StepError>;
  return { errorClass, code, message: WITHHELD.message };
}

/** The step fields redaction may touch; the rest passes through unchanged. */
interface StepData {
  nodeId: string;
  input: unknown;
  output: unknown;
  error: unknown;
}

/** An HTTP response output with its headers and body withheld; the status stays. */
function withheldResponse(output: unknown): unknown {
  if (output === null || typeof output !== 'object' || Array.isArray(output)) return WITHHELD;
  const { status } = output as { status?: unknown };
  return typeof status === 'number' ? { status, headers: WITHHELD, body: WITHHELD } : WITHHELD;
}

/**
 * A run's data as `role` may see it. From the first step (in execution order) of a node that sent
 * credentials: that step keeps its input and HTTP status but not the response's headers and
 * body, every later step keeps only its shape, and the run's response and error lose their
 * content. `nodeIds` come from {@link credentialedNodeIds}.
 */
export function redactRunData<
  S extends StepData,
  R extends { steps: S[]; error: unknown; response: unknown },
>(run: R, nodeIds: ReadonlySet<string>, role: Role): R {
  if (seesCredentialEchoes(role)) return run;
  const first = run.steps.findIndex((step) => nodeIds.has(step.nodeId));
  if (first === -1) return run;
  const steps = run.steps.map((step, index): S => {
    if (index < first) return step;
    if (nodeIds.has(step.nodeId) && index === first) {
      return { ...step, output: withheldResponse(step.output), error: withheldError(step.error) };
    }
    return {
      ...step,
      input: WITHHELD,
      output: nodeIds.has(step.nodeId) ? withheldResponse(step.output) : WITHHELD,
      error: withheldError(step.error),
    };
  });
  return {
    ...run,
    steps,
    error: withheldError(run.error),
    response: run.response === null ? null : WITHHELD,
  };
}

/**
 * A run error for a list (`GET /runs`, dead letters), where the steps are not at hand: withheld
 * from non-admins when the run's version has a credentialed node, since the error may be that
 * node's (an HTTP 4xx carries the response) or a later one's.
 */
export function redactRunError(error: unknown, credentialed: boolean, role: Role): unknown {
  return credentialed && !seesCredentialEchoes(role) ? withheldError(error) : error;
}
