import { useMemo, useState } from 'react';
import type { ConnectionCatalogEntry } from '@paybridge/nodes/definitions';
import { ApiFailure, errorMessage } from '../api/api-failure';
import type { Connection } from '../api/connections-api';
import { SchemaField } from '../editor/inspector/fields/schema-field';
import { FormContextProvider, type FormContextValue } from '../editor/inspector/form-context';
import type { FieldSchema } from '../editor/inspector/schema/json-schema';
import type { NodeIssue } from '../editor/store/flow-types';
import { Markdown } from '../ui/markdown';
import { splitStored, valuesToSend } from './connection-values';
import { SecretField, type SecretDraft } from './secret-field';

/**
 * Create or edit one connection: fields from the type's schema, secrets write-only. The
 * runtime's field messages (422) appear on the fields they are about.
 */
export function ConnectionForm({
  type,
  connection,
  onSubmit,
  onCancel,
}: {
  type: ConnectionCatalogEntry;
  connection: Connection | null;
  onSubmit: (input: { name: string; values: Record<string, unknown> }) => Promise<void>;
  onCancel: () => void;
}) {
  const schema = type.fieldsSchema as FieldSchema;
  const initial = useMemo(
    () => splitStored(connection?.values ?? {}, type.secretFields),
    [connection, type.secretFields],
  );
  const [name, setName] = useState(connection?.name ?? '');
  const [plain, setPlain] = useState<Record<string, unknown>>(initial.plain);
  const [secrets, setSecrets] = useState<Record<string, SecretDraft>>(() =>
    Object.fromEntries(type.secretFields.map((f) => [f, { kind: 'keep' } as SecretDraft])),
  );
  const [issues, setIssues] = useState<NodeIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const context = useMemo<FormContextValue>(
    () => ({
      idPrefix: `conn-${type.type}`,
      issues,
      readOnly: false,
      allowExpressions: () => false,
    }),
    [type.type, issues],
  );
  const submit = async () => {
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      await onSubmit({
        name: name.trim(),
        values: valuesToSend(plain, secrets, connection === null),
      });
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiFailure) {
        setIssues(
          err.issues.map((i) => ({
            path: (i.path ?? []).filter((k) => k !== 'values'),
            message: i.message,
            code: i.code ?? 'INVALID',
            severity: 'error',
          })),
        );
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormContextProvider value={context}>
      <form
        className="config-form connection-form"
        aria-label={`${type.title} connection`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="hint">{type.description.replace(/`/g, '')}</p>
        <label className="field">
          <span className="field-label">Name *</span>
          <input
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Shopify production"
          />
        </label>
        {Object.entries(schema.properties ?? {}).map(([field, fieldSchema]) =>
          type.secretFields.includes(field) ? (
            <SecretField
              key={field}
              name={field}
              schema={fieldSchema}
              stored={initial.stored[field] ?? false}
              draft={secrets[field] ?? { kind: 'keep' }}
              required={schema.required?.includes(field) ?? false}
              error={issues.find((i) => i.path[0] === field)?.message}
              onChange={(draft) => setSecrets({ ...secrets, [field]: draft })}
            />
          ) : (
            <SchemaField
              key={field}
              name={field}
              path={[field]}
              schema={fieldSchema}
              value={plain[field]}
              required={schema.required?.includes(field) ?? false}
              onChange={(value) => setPlain({ ...plain, [field]: value })}
            />
          ),
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : connection ? 'Save changes' : 'Create connection'}
          </button>
        </div>
        {type.docs && (
          <details>
            <summary>About {type.title}</summary>
            <Markdown source={type.docs} />
          </details>
        )}
      </form>
    </FormContextProvider>
  );
}
