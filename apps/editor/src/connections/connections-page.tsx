import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { getConnectionTypes } from '../api/catalog-api';
import {
  createConnection,
  deleteConnection,
  listConnections,
  updateConnection,
  type Connection,
} from '../api/connections-api';
import { queryKeys } from '../api/query-keys';
import { hasRole } from '../lib/roles';
import { Dialog } from '../ui/dialog';
import { useToasts } from '../ui/toasts';
import { ConnectionCard } from './connection-card';
import { ConnectionForm } from './connection-form';

type Editing = { type: string; connection: Connection | null } | null;

/**
 * `/connections`: credentials for every registered connection type. Admins create, edit, test
 * and delete; everyone else sees names and plain fields. Secrets never come back from the
 * runtime, so the page cannot show them even by mistake.
 */
export function ConnectionsPage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const canAdmin = hasRole(me.role, 'admin');
  const types = useQuery({
    queryKey: queryKeys.connectionTypes,
    queryFn: getConnectionTypes,
    staleTime: 5 * 60_000,
  });
  const connections = useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => listConnections(),
  });
  const wanted = new URLSearchParams(window.location.search).get('new');
  const [editing, setEditing] = useState<Editing>(() =>
    wanted && canAdmin ? { type: wanted, connection: null } : null,
  );
  const [newType, setNewType] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: queryKeys.connections });
  const save = useMutation({
    mutationFn: async (input: { name: string; values: Record<string, unknown> }) => {
      if (!editing) return;
      if (editing.connection) await updateConnection(editing.connection.id, input);
      else await createConnection({ type: editing.type, ...input });
    },
    onSuccess: async () => {
      await refresh();
      toasts.info(editing?.connection ? 'Connection saved' : 'Connection created');
      setEditing(null);
    },
  });
  const typeOf = (type: string) => types.data?.find((t) => t.type === type);
  const editingType = editing ? typeOf(editing.type) : undefined;
  const failed = types.error ?? connections.error;
  return (
    <main className="page-body">
      <header className="page-header">
        <h1>Connections</h1>
        {canAdmin && types.data && (
          <form
            className="page-actions"
            onSubmit={(e) => {
              e.preventDefault();
              if (newType) setEditing({ type: newType, connection: null });
            }}
          >
            <label className="sr-only" htmlFor="new-connection-type">
              Connection type
            </label>
            <select
              id="new-connection-type"
              value={newType}
              onChange={(e) => setNewType(e.target.value)}
            >
              <option value="">Choose a type…</option>
              {types.data.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.title} ({t.type})
                </option>
              ))}
            </select>
            <button type="submit" className="primary" disabled={!newType}>
              New connection
            </button>
          </form>
        )}
      </header>
      {!canAdmin && <p className="hint">Only admins can create or change connections.</p>}
      {failed && (
        <p className="error-text" role="alert">
          Could not load connections: {errorMessage(failed)}
        </p>
      )}
      {connections.data?.length === 0 && (
        <div className="empty-state">
          <p>
            No connections yet. Connections hold the credentials flows use (API keys, webhook
            secrets); flows refer to them by name.
          </p>
        </div>
      )}
      <ul className="connection-list">
        {connections.data?.map((c) => (
          <ConnectionCard
            key={c.id}
            connection={c}
            typeTitle={typeOf(c.type)?.title ?? c.type}
            secretFields={typeOf(c.type)?.secretFields ?? []}
            canAdmin={canAdmin}
            onEdit={() => setEditing({ type: c.type, connection: c })}
            onDelete={async (force) => {
              await deleteConnection(c.id, force);
              await refresh();
              toasts.info(`Deleted ${c.name}`);
            }}
          />
        ))}
      </ul>
      {editing && (
        <Dialog
          title={
            editing.connection
              ? `Edit ${editing.connection.name}`
              : `New ${editingType?.title ?? editing.type} connection`
          }
          onClose={() => setEditing(null)}
          testId="connection-dialog"
        >
          {editingType ? (
            <ConnectionForm
              type={editingType}
              connection={editing.connection}
              onSubmit={(input) => save.mutateAsync(input)}
              onCancel={() => setEditing(null)}
            />
          ) : types.isPending ? (
            <p>Loading…</p>
          ) : (
            <p className="error-text" role="alert">
              The runtime has no connection type “{editing.type}”.
            </p>
          )}
        </Dialog>
      )}
    </main>
  );
}
