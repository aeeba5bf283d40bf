import { useState } from 'react';
import { ApiFailure, errorMessage } from '../api/api-failure';
import { testConnection, type Connection } from '../api/connections-api';
import { QuickbooksConnectButton } from './quickbooks-connect-button';

/**
 * One saved connection: its plain values, its secrets only as "saved", and test, edit and
 * delete. A failed test shows the service's own message.
 */
export function ConnectionCard({
  connection,
  typeTitle,
  secretFields,
  canAdmin,
  onEdit,
  onDelete,
}: {
  connection: Connection;
  typeTitle: string;
  secretFields: readonly string[];
  canAdmin: boolean;
  onEdit: () => void;
  onDelete: (force: boolean) => Promise<void>;
}) {
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState<'test' | 'delete' | null>(null);
  const [deleteError, setDeleteError] = useState<{ message: string; inUse: boolean } | null>(null);
  const remove = async (force: boolean) => {
    setBusy('delete');
    setDeleteError(null);
    try {
      await onDelete(force);
    } catch (err) {
      setDeleteError({
        message: errorMessage(err),
        inUse: err instanceof ApiFailure && err.code === 'CONNECTION_IN_USE',
      });
    } finally {
      setBusy(null);
    }
  };
  return (
    <li className="card connection-card" data-testid={`connection-${connection.name}`}>
      <header className="connection-head">
        <div>
          <strong>{connection.name}</strong> <span className="hint">{typeTitle}</span>
        </div>
        {canAdmin && (
          <div className="page-actions">
            {connection.type === 'quickbooks' && (
              <QuickbooksConnectButton connectionId={connection.id} />
            )}
            <button
              type="button"
              className="small"
              disabled={busy !== null}
              onClick={() => {
                setBusy('test');
                setTest(null);
                testConnection(connection.id)
                  .then((r) =>
                    setTest({ ok: r.ok, message: r.message ?? (r.ok ? 'Works' : 'Failed') }),
                  )
                  .catch((err: unknown) => setTest({ ok: false, message: errorMessage(err) }))
                  .finally(() => setBusy(null));
              }}
            >
              {busy === 'test' ? 'Testing…' : 'Test'}
            </button>
            <button type="button" className="small" onClick={onEdit}>
              Edit
            </button>
            <button
              type="button"
              className="small danger"
              disabled={busy !== null}
              onClick={() => {
                if (
                  window.confirm(
                    `Delete the connection “${connection.name}”? Its secrets are erased.`,
                  )
                )
                  void remove(false);
              }}
            >
              Delete
            </button>
          </div>
        )}
      </header>
      <dl className="facts">
        {Object.entries(connection.values).map(([key, value]) => (
          <div key={key} className="fact-row">
            <dt>{key}</dt>
            <dd>
              {secretFields.includes(key) ? (
                <span className="masked" data-testid={`masked-${key}`}>
                  {(value as { set?: boolean } | null)?.set ? '•••••••• (saved)' : 'not set'}
                </span>
              ) : (
                <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {test && (
        <p
          className={test.ok ? 'field-note' : 'error-text'}
          role="status"
          data-testid="connection-test-result"
        >
          {test.ok ? '✓ ' : '✗ '}
          {test.message}
        </p>
      )}
      {deleteError && (
        <p className="error-text" role="alert">
          {deleteError.message}{' '}
          {deleteError.inUse && (
            <button type="button" className="small danger" onClick={() => void remove(true)}>
              Delete anyway
            </button>
          )}
        </p>
      )}
    </li>
  );
}
