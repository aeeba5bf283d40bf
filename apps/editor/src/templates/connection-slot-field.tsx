import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectionCatalogEntry } from '@paybridge/nodes/definitions';
import { createConnection, type Connection } from '../api/connections-api';
import { queryKeys } from '../api/query-keys';
import { ConnectionForm } from '../connections/connection-form';
import type { TemplateConnectionNeed } from './templates-api';

/** The value of the "built-in ledger" choice of an ERP slot (sent as no connection). */
export const BUILT_IN = '';

/**
 * One connection a template needs: a picker of the existing connections of the accepted types
 * (plus the built-in ledger where the slot allows it), and, for admins, "Create one" with the
 * ordinary connection form inline; the new connection is picked at once.
 */
export function ConnectionSlotField({
  need,
  connections,
  types,
  value,
  error,
  canCreate,
  onChange,
}: {
  need: TemplateConnectionNeed;
  connections: readonly Connection[];
  types: readonly ConnectionCatalogEntry[];
  value: string;
  error: string | undefined;
  canCreate: boolean;
  onChange: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [creating, setCreating] = useState<string | null>(null);
  const usable = connections.filter((c) => need.connectionTypes.includes(c.type));
  const creatable = types.filter((t) => need.connectionTypes.includes(t.type));
  const id = `slot-${need.slot}`;
  const createType = creatable.find((t) => t.type === creating);
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-slot={need.slot}>
      <div className="field-top">
        <label htmlFor={id}>
          <span className="field-label">{need.label}</span>
        </label>
        {canCreate && !creating && creatable.length > 0 && (
          <button
            type="button"
            className="small"
            onClick={() => setCreating(creatable[0]?.type ?? null)}
          >
            Create one
          </button>
        )}
      </div>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-help ${id}-error`}
        onChange={(e) => onChange(e.target.value)}
      >
        {need.builtInAllowed ? (
          <option value={BUILT_IN}>Built-in ledger</option>
        ) : need.optional ? (
          <option value="">None</option>
        ) : (
          <option value="">Choose a {need.connectionTypes.join(' or ')} connection…</option>
        )}
        {usable.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.type})
          </option>
        ))}
      </select>
      {need.help && (
        <span className="field-help" id={`${id}-help`}>
          {need.help}
        </span>
      )}
      {usable.length === 0 && !need.builtInAllowed && (
        <span className="field-help">
          No {need.connectionTypes.join(' or ')} connection yet
          {canCreate ? ': create one here.' : ': ask an admin to create one.'}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
      {creating && (
        <div className="inline-create" aria-label={`New ${need.label} connection`}>
          {creatable.length > 1 && (
            <select
              aria-label="Connection type"
              value={creating}
              onChange={(e) => setCreating(e.target.value)}
            >
              {creatable.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.title}
                </option>
              ))}
            </select>
          )}
          {createType && (
            <ConnectionForm
              key={createType.type}
              type={createType}
              connection={null}
              onCancel={() => setCreating(null)}
              onSubmit={async (input) => {
                const created = await createConnection({ type: createType.type, ...input });
                await qc.invalidateQueries({ queryKey: queryKeys.connections });
                onChange(created.id);
                setCreating(null);
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
