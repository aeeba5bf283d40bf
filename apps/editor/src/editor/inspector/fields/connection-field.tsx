import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../../api/api-failure';
import { listConnections } from '../../../api/connections-api';
import { queryKeys } from '../../../api/query-keys';
import { controlId, useFormContext } from '../form-context';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

/**
 * Picks a saved connection, offering only the types this field accepts. The flow stores the id;
 * the secrets stay in the runtime.
 */
export function ConnectionField({
  field,
  types,
  actions,
}: {
  field: FieldProps;
  types: readonly string[] | undefined;
  actions?: ReactNode;
}) {
  const { idPrefix, readOnly } = useFormContext();
  const connections = useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => listConnections(),
  });
  const usable = (connections.data ?? []).filter((c) => !types || types.includes(c.type));
  const value = typeof field.value === 'string' ? field.value : '';
  const missing = value !== '' && connections.isSuccess && !usable.some((c) => c.id === value);
  return (
    <FieldShell field={field} actions={actions}>
      <select
        id={controlId(idPrefix, field.path)}
        value={value}
        disabled={readOnly}
        aria-describedby={describedBy(idPrefix, field)}
        onChange={(e) => field.onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">{field.required ? 'Choose a connection…' : 'None'}</option>
        {missing && <option value={value}>Unknown connection {value.slice(0, 8)}…</option>}
        {usable.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.type})
          </option>
        ))}
      </select>
      {connections.isError && (
        <span className="field-error" role="alert">
          Could not load connections: {errorMessage(connections.error)}
        </span>
      )}
      {connections.isSuccess && usable.length === 0 && (
        <span className="field-note">
          No {types?.join(' or ') ?? ''} connection yet.{' '}
          <a
            href={`/connections${types?.[0] ? `?new=${encodeURIComponent(types[0])}` : ''}`}
            target="_blank"
            rel="noreferrer"
          >
            Create one
          </a>
        </span>
      )}
      {missing && (
        <span className="field-error" role="alert">
          This connection does not exist (any more) or is of another type.
        </span>
      )}
    </FieldShell>
  );
}
