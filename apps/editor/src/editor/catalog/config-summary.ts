import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { describeCron } from '../inspector/fields/describe-cron';

function short(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function show(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? null : `${value.length} item(s)`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return null;
    const type = (value as { type?: unknown }).type;
    return typeof type === 'string' ? type : `${keys.length} field(s)`;
  }
  return null;
}

/**
 * One line that says what a node is set to do, for its card: a few shapes are worth a special
 * wording (an endpoint, a schedule), any other type shows its first set fields in schema order.
 */
export function configSummary(
  entry: NodeCatalogEntry | undefined,
  config: Record<string, unknown>,
): string {
  if (!entry) return 'Unknown node type';
  if (typeof config.path === 'string' && entry.kind === 'trigger') {
    const mode = typeof config.mode === 'string' ? ` · ${config.mode}` : '';
    return short(`/hooks/${config.path}${mode}`);
  }
  if (typeof config.cron === 'string' && config.cron) {
    return short(describeCron(config.cron).text ?? config.cron);
  }
  if (typeof config.url === 'string' && config.url) {
    return short(`${typeof config.method === 'string' ? config.method : 'GET'} ${config.url}`);
  }
  if (Array.isArray(config.rules)) {
    return config.rules.length === 0
      ? 'No rules: everything goes to default'
      : `${config.rules.length} rule(s)`;
  }
  const properties = (entry.configSchema.properties ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(properties)) {
    if (key === 'connectionId') continue;
    const text = show(config[key]);
    if (text) parts.push(key === 'expression' || key === 'body' ? text : `${key}: ${text}`);
    if (parts.length === 2) break;
  }
  if (parts.length > 0) return short(parts.join(' · '));
  const required = (entry.configSchema.required ?? []) as string[];
  return required.length === 0 ? 'Default settings' : 'Not configured yet';
}
