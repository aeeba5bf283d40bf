import { useMemo } from 'react';
import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { lookupDefinition } from '@paybridge/nodes/definitions';
import type { NodeIssue } from '../store/flow-types';
import { SchemaField } from './fields/schema-field';
import { FormContextProvider, type FormContextValue } from './form-context';
import type { FieldSchema } from './schema/json-schema';

/**
 * The settings form of a node, generated from its config schema in the catalogue. Every top-level
 * field but the node's raw-expression fields may be switched to a `=` expression; messages come
 * from the same validation the runtime runs on save.
 */
export function ConfigForm({
  nodeId,
  entry,
  config,
  issues,
  readOnly,
  onChange,
  openMapping,
}: {
  nodeId: string;
  entry: NodeCatalogEntry;
  config: Record<string, unknown>;
  issues: readonly NodeIssue[];
  readOnly: boolean;
  onChange: (config: Record<string, unknown>, field: string) => void;
  openMapping?: (path: (string | number)[]) => void;
}) {
  const schema = entry.configSchema as FieldSchema;
  const raw = useMemo(
    () => new Set<string>(lookupDefinition(entry.type, entry.version)?.rawExpressionFields ?? []),
    [entry],
  );
  const context = useMemo<FormContextValue>(
    () => ({
      idPrefix: `cfg-${nodeId}`,
      issues,
      readOnly,
      // The engine evaluates a `=` value at any depth (a vault sale's `source.customerId`, a
      // metafield's value), so nested fields switch to expressions and open the mapping editor too.
      allowExpressions: (path) => !raw.has(String(path[0])),
      ...(openMapping ? { openMapping } : {}),
    }),
    [nodeId, issues, readOnly, raw, openMapping],
  );
  const properties = Object.entries(schema.properties ?? {});
  const formIssues = issues.filter((i) => i.path.length === 0);
  return (
    <FormContextProvider value={context}>
      <form
        className="config-form"
        aria-label={`${entry.title} settings`}
        onSubmit={(e) => e.preventDefault()}
      >
        {formIssues.map((i) =>
          i.severity === 'warning' ? (
            <p key={i.message} className="warning-text" role="status">
              {i.message}
            </p>
          ) : (
            <p key={i.message} className="error-text" role="alert">
              {i.message}
            </p>
          ),
        )}
        {properties.length === 0 && <p className="hint">This node has no settings.</p>}
        {properties.map(([name, fieldSchema]) => (
          <SchemaField
            key={name}
            name={name}
            path={[name]}
            schema={fieldSchema}
            value={config[name]}
            required={schema.required?.includes(name) ?? false}
            connectionTypes={entry.connection?.field === name ? entry.connection.types : undefined}
            onChange={(value) => {
              const next = { ...config };
              if (value === undefined) delete next[name];
              else next[name] = value;
              onChange(next, name);
            }}
          />
        ))}
      </form>
    </FormContextProvider>
  );
}
