import type { FlowGraph } from '@paybridge/engine';
import { client, unwrap } from './client';

/** The flows of this runtime, newest changes first as the runtime lists them. */
export function listFlows() {
  return unwrap(client.api.flows.$get()).then((r) => r.flows);
}

/** A flow with the graph of its latest version (or of `version`, when given). */
export function getFlow(id: string, version?: number) {
  return version === undefined
    ? unwrap(client.api.flows[':id'].$get({ param: { id } }))
    : unwrap(
        client.api.flows[':id'].versions[':version'].$get({
          param: { id, version: String(version) },
        }),
      );
}

/** Creates a flow (its version 1), as a draft when it has problems (listed in `problems`). */
export function createFlow(input: {
  name: string;
  description?: string;
  graph: FlowGraph;
  message?: string;
}) {
  return unwrap(client.api.flows.$post({ json: { activate: false, draft: true, ...input } }));
}

/**
 * Creates a flow from an exported file. The runtime keeps it inactive and names it
 * "… (copy)" when a flow already has the name, so the answer's name may differ from the file's.
 */
export function importFlow(file: { name: string; description?: string; graph: unknown }) {
  return unwrap(client.api.flows.import.$post({ json: { paybridge: 'flow', ...file } }));
}

/** Copies a flow's latest version into a new inactive flow named "… (copy)". */
export function duplicateFlow(id: string) {
  return unwrap(client.api.flows[':id'].duplicate.$post({ param: { id } }));
}

/**
 * Saves the graph as a new immutable version, with an optional message; a graph with problems
 * saves as a draft (they come back in `problems`; activation refuses it until they are fixed).
 */
export function saveFlow(
  id: string,
  input: { name?: string; description?: string; graph: FlowGraph; message?: string },
) {
  return unwrap(
    client.api.flows[':id'].$put({
      param: { id },
      json: { activate: false, draft: true, ...input },
    }),
  );
}

/** Makes a version live (the latest by default). */
export function activateFlow(id: string, version?: number) {
  return unwrap(
    client.api.flows[':id'].activate.$post({
      param: { id },
      json: version === undefined ? {} : { version },
    }),
  );
}

/** Stops the flow's triggers. */
export function deactivateFlow(id: string) {
  return unwrap(client.api.flows[':id'].deactivate.$post({ param: { id } }));
}

/** Deletes a flow; its runs stay inspectable. */
export function deleteFlow(id: string) {
  return unwrap(client.api.flows[':id'].$delete({ param: { id } }));
}

/** The saved versions of a flow, without graphs. */
export function listVersions(id: string) {
  return unwrap(client.api.flows[':id'].versions.$get({ param: { id } })).then((r) => r.versions);
}

/** Server-side validation without saving: issues with paths into the graph. */
export function validateOnServer(graph: FlowGraph) {
  return unwrap(client.api.flows.validate.$post({ json: { graph } }));
}

/** The options of a run by hand, as the runtime declares them (all but the payload). */
export type RunFlowOptions = Omit<
  Parameters<(typeof client.api.flows)[':id']['run']['$post']>[0]['json'],
  'payload'
>;

/**
 * Starts a run by hand with `payload` as the trigger's output. `version` picks the saved version
 * (the editor runs the one it just saved, not the live one); `stopAfter` runs only what leads to
 * that node, or those nodes ("run to here", "Execute previous nodes"), and nothing after them.
 */
export function runFlow(id: string, payload: unknown, opts: RunFlowOptions = {}) {
  return unwrap(client.api.flows[':id'].run.$post({ param: { id }, json: { payload, ...opts } }));
}

export type FlowSummary = Awaited<ReturnType<typeof listFlows>>[number];
export type FlowDetail = Awaited<ReturnType<typeof getFlow>>;
export type FlowVersionSummary = Awaited<ReturnType<typeof listVersions>>[number];
