import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { deleteFlow, duplicateFlow, importFlow, listFlows } from '../api/flows-api';
import { queryKeys } from '../api/query-keys';
import { navigate } from '../app/router';
import { parseGraphJson } from '../editor/store/graph-convert';
import { hasRole } from '../lib/roles';
import { DemoCallToAction } from '../templates/demo-call-to-action';
import { useToasts } from '../ui/toasts';

/**
 * `/flows`: every flow with its state, plus new, import, duplicate and delete. Imports and
 * copies arrive inactive (named "… (copy)" when the name is taken), and the page says so.
 */
export function FlowListPage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const canEdit = hasRole(me.role, 'editor');
  const flows = useQuery({
    queryKey: queryKeys.flows,
    queryFn: listFlows,
    refetchInterval: 10_000,
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const duplicate = useMutation({
    mutationFn: duplicateFlow,
    onSuccess: (copy) => {
      toasts.info(`Copied as “${copy.name}”, inactive`);
      return qc.invalidateQueries({ queryKey: queryKeys.flows });
    },
    onError: (err) => toasts.error(`Not copied: ${errorMessage(err)}`),
  });
  const remove = useMutation({
    mutationFn: deleteFlow,
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.flows }),
  });
  const importFile = async (file: File) => {
    try {
      const parsed = JSON.parse(await file.text()) as { name?: unknown; description?: unknown };
      const graph = parseGraphJson(parsed);
      const created = await importFlow({
        name: typeof parsed.name === 'string' && parsed.name.trim() ? parsed.name : file.name,
        description: typeof parsed.description === 'string' ? parsed.description : '',
        graph,
      });
      await qc.invalidateQueries({ queryKey: queryKeys.flows });
      toasts.info(`Imported as “${created.name}”, inactive: activate it when it is ready`);
      navigate(`/flows/${created.id}`);
    } catch (err) {
      toasts.error(`Cannot import ${file.name}: ${errorMessage(err)}`);
    }
  };
  return (
    <main className="page-body">
      <header className="page-header">
        <h1>Flows</h1>
        {canEdit && (
          <div className="page-actions">
            <button type="button" onClick={() => fileInput.current?.click()}>
              Import…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              className="sr-only"
              aria-label="Import flow file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void importFile(file);
                e.target.value = '';
              }}
            />
            <button type="button" className="primary" onClick={() => navigate('/flows/new')}>
              New flow
            </button>
          </div>
        )}
      </header>
      <DemoCallToAction me={me} />
      {flows.isError && (
        <p className="error-text" role="alert">
          Could not load flows: {errorMessage(flows.error)}
        </p>
      )}
      {flows.isPending && <p>Loading…</p>}
      {flows.data?.length === 0 && (
        <div className="empty-state">
          <p>
            No flows yet. A flow starts with a trigger (an HTTP endpoint, a schedule) and runs steps
            on what arrives.
          </p>
          {canEdit && (
            <button type="button" className="primary" onClick={() => navigate('/flows/new')}>
              Create your first flow
            </button>
          )}
        </div>
      )}
      {flows.data && flows.data.length > 0 && (
        <table className="table" aria-label="Flows">
          <thead>
            <tr>
              <th>Name</th>
              <th>State</th>
              <th>Trigger</th>
              <th>Versions</th>
              <th>Changed</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {flows.data.map((f) => (
              <tr key={f.id}>
                <td>
                  <a
                    href={`/flows/${f.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/flows/${f.id}`);
                    }}
                  >
                    {f.name}
                  </a>
                  {f.description && <div className="hint">{f.description}</div>}
                </td>
                <td>
                  <span className={`run-badge ${f.active ? 'run-succeeded' : ''}`}>
                    {f.active ? `live v${f.activeVersion}` : 'inactive'}
                  </span>
                </td>
                <td>
                  {f.triggerPath ? <code>/hooks/{f.triggerPath}</code> : (f.triggerType ?? '–')}
                </td>
                <td>{f.latestVersion}</td>
                <td>{new Date(f.updatedAt).toLocaleString()}</td>
                <td>
                  {canEdit && (
                    <button
                      type="button"
                      className="small"
                      aria-label={`Duplicate ${f.name}`}
                      disabled={duplicate.isPending}
                      onClick={() => duplicate.mutate(f.id)}
                    >
                      Duplicate
                    </button>
                  )}{' '}
                  {canEdit && (
                    <button
                      type="button"
                      className="small danger"
                      aria-label={`Delete ${f.name}`}
                      disabled={remove.isPending}
                      onClick={() => {
                        if (!window.confirm(`Delete “${f.name}”? Its runs stay inspectable.`))
                          return;
                        remove.mutate(f.id, {
                          onError: (err) => toasts.error(`Not deleted: ${errorMessage(err)}`),
                        });
                      }}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
