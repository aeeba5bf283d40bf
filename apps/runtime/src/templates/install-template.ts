/**
 * Installs a template as a flow: checks the chosen connections and parameters, fills them into
 * the graph, and creates the flow the way `POST /api/flows` does. One live copy per template and
 * connections: a second install answers the first flow, unless a copy is asked for, which is
 * created inactive as "<title> (copy)".
 *
 * @module
 */
import type { z } from '@hono/zod-openapi';
import type { FlowGraph } from '@paybridge/engine';
import { lookupTrigger } from '@paybridge/nodes/definitions';
import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { ConnectionError } from '../connections/connection-store';
import * as q from '../db/queries/flows';
import { flows, templateInstalls } from '../db/schema/index';
import { copyName } from '../flows/copy-name';
import { createFlow } from '../flows/create-flow';
import { flowWarnings } from '../flows/flow-warnings';
import type { AppDeps } from '../http/app-deps';
import type { TemplateInstallInput, TemplateInstallResult, TriggerUrl } from './api-schemas';
import { applyBindings, checkConnections, checkParameters, type SlotChoice } from './install-input';
import type { Template } from './template-catalog';
import { withOptions } from './template-options';

type InstallResult = z.infer<typeof TemplateInstallResult>;

/** The slot choice as canonical text: equal choices give equal keys. */
function connectionsKey(choice: SlotChoice): string {
  return JSON.stringify(
    Object.keys(choice)
      .sort()
      .map((slot) => [slot, choice[slot] ?? 'built-in']),
  );
}

/** Where outside systems must send events for the graph's triggers to start it, as each trigger declares. */
export function triggerUrls(deps: AppDeps, graph: FlowGraph): z.infer<typeof TriggerUrl>[] {
  const base = (deps.env.PAYBRIDGE_HOOKS_URL ?? deps.publicUrl() ?? '').replace(/\/+$/, '');
  const urls: z.infer<typeof TriggerUrl>[] = [];
  for (const node of graph.nodes) {
    const entry = lookupTrigger(node.type)?.entryPoint?.(node);
    if (!entry) continue;
    const { kind, path, topics, hint } = entry;
    urls.push({ nodeId: node.id, kind, url: `${base}/${path}`, topics, hint });
  }
  return urls;
}

async function findConnection(deps: AppDeps, id: string) {
  try {
    return await deps.connections.get(id);
  } catch (err) {
    if (err instanceof ConnectionError && err.kind === 'not-found') return undefined;
    throw err;
  }
}

async function installedFlow(deps: AppDeps, templateId: string, key: string) {
  const [row] = await deps.db
    .select({ flowId: templateInstalls.flowId })
    .from(templateInstalls)
    .innerJoin(flows, eq(flows.id, templateInstalls.flowId))
    .where(
      and(
        eq(templateInstalls.templateId, templateId),
        eq(templateInstalls.connectionsKey, key),
        eq(templateInstalls.copy, false),
        isNull(flows.deletedAt),
      ),
    )
    .limit(1);
  return row?.flowId;
}

async function flowInfo(deps: AppDeps, flowId: string) {
  const row = await q.findFlow(deps.db, flowId);
  if (!row) throw new Error(`flow ${flowId} vanished during the install`);
  const version = await q.findVersion(deps.db, flowId, row.flow.latestVersion);
  return {
    flow: {
      id: row.flow.id,
      name: row.flow.name,
      active: row.active !== null,
      version: row.flow.latestVersion,
    },
    graph: version!.graph,
  };
}

/**
 * Installs `template` (see the module comment). Installs of one template with one choice of
 * connections are serialised by a transaction-scoped advisory lock, so two clicks at once
 * still make one flow.
 */
export async function installTemplate(
  deps: AppDeps,
  c: Context,
  template: Template,
  input: z.infer<typeof TemplateInstallInput>,
): Promise<InstallResult> {
  const { manifest } = template;
  const connections = await checkConnections(manifest, input.connections, (id) =>
    findConnection(deps, id),
  );
  const parameters = checkParameters(manifest, input.parameters);
  const installed = withOptions(manifest, template.graph, template.options, parameters);
  const graph = applyBindings(installed.manifest, installed.graph, connections, parameters);
  const key = connectionsKey(connections);

  return deps.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`template-install:${manifest.id}:${key}`}))`;
    const existing = await installedFlow(deps, manifest.id, key);
    if (existing && !input.copy) {
      const { flow, graph: liveGraph } = await flowInfo(deps, existing);
      return {
        templateId: manifest.id,
        reused: true,
        flows: [flow],
        triggerUrls: triggerUrls(deps, liveGraph),
        warnings: [
          `${manifest.title} is already installed with these connections as "${flow.name}"; nothing new was created. Ask for a copy to install another (inactive) one.`,
        ],
      };
    }
    const copy = existing !== undefined;
    const name = copy ? copyName(manifest.title, await q.listFlowNames(deps.db)) : manifest.title;
    const activate = input.activate && !copy;
    const { flowId } = await createFlow(deps, c, {
      name,
      description: manifest.description,
      graph,
      message: `Installed from template ${manifest.id}`,
      activate,
    });
    await deps.db.insert(templateInstalls).values({
      templateId: manifest.id,
      connectionsKey: key,
      flowId,
      copy,
    });
    await deps.audit.record(c, {
      action: 'template.install',
      targetType: 'flow',
      targetId: flowId,
      details: { templateId: manifest.id, connections, parameters, activated: activate, copy },
    });
    const { flow } = await flowInfo(deps, flowId);
    const warnings = flowWarnings(graph);
    if (copy)
      warnings.unshift(
        `This is a copy of an installed ${manifest.title}: it was created inactive so it does not act on the same events twice.`,
      );
    if (!deps.env.PAYBRIDGE_HOOKS_URL && deps.publicUrl() === null)
      warnings.push('The runtime does not know its public URL: trigger URLs are paths only.');
    return {
      templateId: manifest.id,
      reused: false,
      flows: [flow],
      triggerUrls: triggerUrls(deps, graph),
      warnings,
    };
  });
}
