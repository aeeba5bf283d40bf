import { client, unwrap } from '../api/client';

/** The shipped templates, each with the connections and parameters it needs and its outline. */
export function listTemplates() {
  return unwrap(client.api.templates.$get()).then((r) => r.templates);
}

/**
 * Installs a template as a flow. The runtime answers `reused: true` (and creates nothing) when
 * the template is already installed with these connections; `copy` installs another, inactive.
 */
export function installTemplate(id: string, input: TemplateInstallInput) {
  return unwrap(client.api.templates[':id'].install.$post({ param: { id }, json: input }));
}

/**
 * The guided sandbox demo: installs the templates against the simulators, seeds a vault
 * customer and places a Shopify order; answers the order and the run it started.
 */
export function runDemo() {
  return unwrap(client.api.demo.$post());
}

export type TemplateSummary = Awaited<ReturnType<typeof listTemplates>>[number];
export type TemplateConnectionNeed = TemplateSummary['connections'][number];
export type TemplateParameter = TemplateSummary['parameters'][number];
export type TemplateOutline = TemplateSummary['outline'];
export type TemplateInstallInput = Parameters<
  (typeof client.api.templates)[':id']['install']['$post']
>[0]['json'];
export type TemplateInstallResult = Awaited<ReturnType<typeof installTemplate>>;
export type DemoResult = Awaited<ReturnType<typeof runDemo>>;
