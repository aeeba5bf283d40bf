import { useFlowStore } from '../editor/store/flow-store-context';

/** What the toolbar can do; absent handlers hide their buttons (e.g. for viewers). */
export interface ToolbarActions {
  onSave?: () => void;
  onActivate?: () => void;
  onDeactivate?: () => void;
  /** Makes the toolbar's `makeLiveVersion` live in one switch. */
  onMakeLive?: () => void;
  onRun?: () => void;
  onLayout?: () => void;
  onFit: () => void;
  onExport: () => void;
  onImport?: () => void;
  onVersions: () => void;
  onHelp: () => void;
}

/**
 * The flow's commands above the canvas, each also reachable by keyboard (see the `?` overlay):
 * save, activate, undo/redo, layout, run, versions, import/export. Shows unsaved state and
 * how many problems the flow has.
 */
export function FlowToolbar({
  name,
  onRename,
  dirty,
  active,
  activeVersion,
  latestVersion,
  issueCount,
  busy,
  readOnly,
  makeLiveVersion = null,
  actions,
}: {
  name: string;
  onRename: (name: string) => void;
  dirty: boolean;
  active: boolean;
  activeVersion: number | null;
  latestVersion: number | null;
  issueCount: number;
  busy: string | null;
  readOnly: boolean;
  /** The version on the canvas when it is saved and not the live one; null hides the button. */
  makeLiveVersion?: number | null;
  actions: ToolbarActions;
}) {
  const canUndo = useFlowStore((s) => s.past.length > 0);
  const canRedo = useFlowStore((s) => s.future.length > 0);
  const undo = useFlowStore((s) => s.undo);
  const redo = useFlowStore((s) => s.redo);
  return (
    <div className="toolbar" role="toolbar" aria-label="Flow">
      <label className="sr-only" htmlFor="flow-name">
        Flow name
      </label>
      <input
        id="flow-name"
        className="flow-name"
        value={name}
        readOnly={readOnly}
        maxLength={200}
        onChange={(e) => onRename(e.target.value)}
      />
      <span className="toolbar-status" aria-live="polite" data-testid="flow-status">
        {latestVersion ? `v${latestVersion}` : 'not saved yet'}
        {dirty ? ' · unsaved changes' : ''}
        {active ? ` · live v${activeVersion}` : ' · inactive'}
        {issueCount > 0 ? ` · ${issueCount} problem${issueCount === 1 ? '' : 's'}` : ''}
      </span>
      <span className="toolbar-spacer" />
      {!readOnly && (
        <>
          <button type="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
        </>
      )}
      {actions.onLayout && (
        <button type="button" onClick={actions.onLayout} title="Arrange automatically (L)">
          Auto-layout
        </button>
      )}
      <button type="button" onClick={actions.onFit} title="Fit view (F)">
        Fit
      </button>
      <button type="button" onClick={actions.onVersions}>
        Versions
      </button>
      {actions.onImport && (
        <button type="button" onClick={actions.onImport}>
          Import
        </button>
      )}
      <button type="button" onClick={actions.onExport}>
        Export
      </button>
      <button
        type="button"
        onClick={actions.onHelp}
        aria-label="Keyboard shortcuts"
        title="Shortcuts (?)"
      >
        ?
      </button>
      {actions.onRun && (
        <button
          type="button"
          onClick={actions.onRun}
          disabled={busy !== null}
          title="Test run (Ctrl+Enter)"
        >
          {busy === 'run' ? 'Running…' : 'Run'}
        </button>
      )}
      {actions.onMakeLive && makeLiveVersion !== null && (
        <button
          type="button"
          onClick={actions.onMakeLive}
          disabled={busy !== null}
          title="Switch the live version at once; triggers keep accepting events"
        >
          {busy === 'make-live' ? 'Switching…' : `Make v${makeLiveVersion} live`}
        </button>
      )}
      {active && dirty && actions.onActivate && (
        <button
          type="button"
          onClick={actions.onActivate}
          disabled={busy !== null}
          title="Save these changes and switch the live version to them at once; triggers keep accepting events"
        >
          {busy === 'activate' ? 'Going live…' : 'Make live'}
        </button>
      )}
      {active
        ? actions.onDeactivate && (
            <button type="button" onClick={actions.onDeactivate} disabled={busy !== null}>
              Deactivate
            </button>
          )
        : actions.onActivate && (
            <button
              type="button"
              onClick={actions.onActivate}
              disabled={busy !== null}
              title="Save and activate in one step"
            >
              {busy === 'activate' ? 'Activating…' : 'Activate'}
            </button>
          )}
      {actions.onSave && (
        <button
          type="button"
          className="primary"
          onClick={actions.onSave}
          disabled={busy !== null}
          title="Save (Ctrl+S)"
        >
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      )}
    </div>
  );
}
