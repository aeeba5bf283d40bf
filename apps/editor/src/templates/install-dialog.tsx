import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiFailure, errorMessage } from '../api/api-failure';
import { getConnectionTypes } from '../api/catalog-api';
import { listConnections } from '../api/connections-api';
import { queryKeys } from '../api/query-keys';
import { navigate } from '../app/router';
import { Dialog } from '../ui/dialog';
import { ConnectionSlotField } from './connection-slot-field';
import { rememberInstall } from './install-result-store';
import { ParameterField } from './parameter-field';
import { draftOf, parseParameters, type ParameterDraft } from './parameter-values';
import { preselectConnection, useSandbox } from './sandbox';
import { installTemplate, type TemplateInstallResult, type TemplateSummary } from './templates-api';

/**
 * Installs one template: a connection for each slot it needs (simulators preselected in sandbox
 * mode; admins may create one inline), its parameters with defaults, help and checks, and
 * whether to activate it. Ends on the new flow, whose editor shows the trigger URLs. When the
 * runtime says the template is already installed with these connections, offers that flow or
 * another, inactive copy.
 */
export function InstallDialog({
  template,
  canCreateConnections,
  onClose,
}: {
  template: TemplateSummary;
  canCreateConnections: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const connections = useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => listConnections(),
  });
  const types = useQuery({
    queryKey: queryKeys.connectionTypes,
    queryFn: getConnectionTypes,
    staleTime: 5 * 60_000,
  });
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [drafts, setDrafts] = useState<Record<string, ParameterDraft>>(() =>
    Object.fromEntries(template.parameters.map((p) => [p.name, draftOf(p)])),
  );
  const [activate, setActivate] = useState(true);
  const [slotErrors, setSlotErrors] = useState<Record<string, string>>({});
  const [paramErrors, setParamErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reused, setReused] = useState<TemplateInstallResult | null>(null);

  const sandbox = useSandbox();
  // A slot the user has not touched shows its preselection (simulator, or the only one).
  const selection = useMemo(() => {
    const out: Record<string, string> = {};
    for (const need of template.connections) {
      const usable = (connections.data ?? []).filter((c) => need.connectionTypes.includes(c.type));
      out[need.slot] =
        chosen[need.slot] ??
        (need.builtInAllowed || need.optional ? '' : preselectConnection(usable, sandbox));
    }
    return out;
  }, [template.connections, connections.data, chosen, sandbox]);

  const install = async (copy: boolean) => {
    setFailure(null);
    const missing: Record<string, string> = {};
    for (const need of template.connections) {
      if (!need.builtInAllowed && !need.optional && !selection[need.slot])
        missing[need.slot] = 'Choose a connection';
    }
    const parsed = parseParameters(template.parameters, drafts);
    setSlotErrors(missing);
    setParamErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok || Object.keys(missing).length > 0) {
      setFailure('Some fields need attention (marked below).');
      return;
    }
    setBusy(true);
    try {
      const result = await installTemplate(template.id, {
        connections: Object.fromEntries(
          template.connections.map((n) => [n.slot, selection[n.slot] || null]),
        ),
        parameters: parsed.values,
        activate,
        copy,
      });
      await qc.invalidateQueries({ queryKey: queryKeys.flows });
      if (result.reused && !copy) {
        setReused(result);
        return;
      }
      rememberInstall(qc, result);
      const first = result.flows[0];
      onClose();
      if (first) navigate(`/flows/${first.id}`);
    } catch (err) {
      setFailure(errorMessage(err));
      if (err instanceof ApiFailure) {
        const slots: Record<string, string> = {};
        const params: Record<string, string> = {};
        for (const issue of err.issues) {
          const [where, name] = issue.path ?? [];
          if (where === 'connections' && typeof name === 'string') slots[name] = issue.message;
          if (where === 'parameters' && typeof name === 'string') params[name] = issue.message;
        }
        setSlotErrors(slots);
        setParamErrors(params);
      }
    } finally {
      setBusy(false);
    }
  };

  const existing = reused?.flows[0];
  return (
    <Dialog title={`Install “${template.title}”`} onClose={onClose} wide testId="install-dialog">
      {reused && existing ? (
        <div className="install-reused" role="status">
          <p>
            “{template.title}” is already installed with these connections as{' '}
            <strong>{existing.name}</strong> ({existing.active ? 'live' : 'inactive'}). Installing
            it again would make a second live copy of the same payments.
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                rememberInstall(qc, reused);
                onClose();
                navigate(`/flows/${existing.id}`);
              }}
            >
              Open the installed flow
            </button>
            <button type="button" disabled={busy} onClick={() => void install(true)}>
              Install a copy (inactive)
            </button>
          </div>
        </div>
      ) : (
        <div className="install-form">
          <p className="hint">{template.description}</p>
          {template.connections.length > 0 && (
            <fieldset className="install-section">
              <legend>Connections</legend>
              {connections.isPending && <p>Loading connections…</p>}
              {connections.isError && (
                <p className="error-text" role="alert">
                  Could not load connections: {errorMessage(connections.error)}
                </p>
              )}
              {connections.data &&
                template.connections.map((need) => (
                  <ConnectionSlotField
                    key={need.slot}
                    need={need}
                    connections={connections.data}
                    types={types.data ?? []}
                    value={selection[need.slot] ?? ''}
                    error={slotErrors[need.slot]}
                    canCreate={canCreateConnections}
                    onChange={(id) => {
                      setChosen((c) => ({ ...c, [need.slot]: id }));
                      setSlotErrors(({ [need.slot]: _gone, ...rest }) => rest);
                    }}
                  />
                ))}
            </fieldset>
          )}
          {template.parameters.length > 0 && (
            <fieldset className="install-section">
              <legend>Parameters</legend>
              {template.parameters.map((p) => (
                <ParameterField
                  key={p.name}
                  parameter={p}
                  value={drafts[p.name] ?? draftOf(p)}
                  error={paramErrors[p.name]}
                  onChange={(v) => {
                    setDrafts((d) => ({ ...d, [p.name]: v }));
                    setParamErrors(({ [p.name]: _gone, ...rest }) => rest);
                  }}
                />
              ))}
            </fieldset>
          )}
          <label className="install-check">
            <input
              type="checkbox"
              role="switch"
              checked={activate}
              onChange={(e) => setActivate(e.target.checked)}
            />
            <span className="field-label">Activate now</span>
          </label>
          <p className="hint">
            {activate
              ? 'The flow goes live at once: its triggers accept events.'
              : 'The flow is saved inactive: activate it from the editor when it is ready.'}
          </p>
          {failure && (
            <p className="error-text" role="alert" data-testid="install-error">
              {failure}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy || connections.isPending}
              onClick={() => void install(false)}
            >
              {busy ? 'Installing…' : 'Install'}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
