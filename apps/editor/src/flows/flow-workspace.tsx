import { useCallback, useEffect, useRef, useState } from 'react';
import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useStore } from 'zustand';
import type { NodeCatalogEntry } from '@paybridge/nodes/definitions';
import type { FlowGraph } from '@paybridge/engine';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { importFlow, type FlowDetail } from '../api/flows-api';
import { navigate } from '../app/router';
import { autoLayout, lacksPositions } from '../editor/canvas/auto-layout';
import { usePlaceNew } from '../editor/canvas/use-place-new';
import { useCatalog } from '../editor/catalog/catalog-context';
import { portsOf } from '../editor/catalog/node-ports';
import { FlowCanvas } from '../editor/canvas/flow-canvas';
import { ShortcutsOverlay } from '../editor/canvas/shortcuts-overlay';
import { useEditorShortcuts } from '../editor/hooks/use-editor-shortcuts';
import { useLiveValidation } from '../editor/hooks/use-live-validation';
import { useUnsavedGuard } from '../editor/hooks/use-unsaved-guard';
import { Inspector } from '../editor/inspector/inspector';
import { MappingDialog } from '../editor/mapping/mapping-dialog';
import { ExecutePreviousProvider } from '../editor/runs/execute-previous-button';
import { NodePalette } from '../editor/palette/node-palette';
import { RunPayloadDialog, triggerExample } from '../editor/runs/run-payload-dialog';
import { useTestRun, type TestRunOptions } from '../editor/runs/use-test-run';
import { adoptSamples } from '../editor/runs/sample-store';
import { useLatestRun } from '../editor/runs/use-latest-run';
import { useSampleMigration } from '../editor/runs/use-samples';
import { createFlowStore, type FlowStore } from '../editor/store/flow-store';
import { FlowStoreProvider } from '../editor/store/flow-store-context';
import { parseGraphJson } from '../editor/store/graph-convert';
import { hasRole } from '../lib/roles';
import { TemplateNotice } from '../templates/template-notice';
import { useFitWhileFollowing } from '../templates/use-fit-while-following';
import { useToasts } from '../ui/toasts';
import { downloadFlow } from './export-flow';
import { FlowPanel } from './flow-panel';
import { FlowToolbar } from './flow-toolbar';
import { issuesFromFailure, useFlowMutations } from './use-save-flow';
import { SaveDialog } from './save-dialog';
import { VersionsDialog } from './versions-dialog';

/** Fit's margin: small, so a laid-out flow of many columns gets the most of a narrow canvas. */
const FIT = { padding: 0.08, maxZoom: 1.2 } as const;

/** How long a followed run is watched: a new shopper takes a while to pay on the pay page. */
const FOLLOW_MS = 10 * 60_000;

/**
 * One open flow: palette, canvas and inspector around a store created once for this flow, plus
 * the toolbar's commands (save, activate, run, versions, import/export) and keyboard shortcuts.
 */
export function FlowWorkspace({
  flow,
  initialGraph,
  me,
}: {
  flow: FlowDetail | null;
  initialGraph: FlowGraph;
  me: Me;
}) {
  const [store] = useState(() => createFlowStore(initialGraph));
  return (
    <FlowStoreProvider store={store}>
      <WorkspaceContent flow={flow} store={store} me={me} />
    </FlowStoreProvider>
  );
}

function WorkspaceContent({
  flow,
  store,
  me,
}: {
  flow: FlowDetail | null;
  store: FlowStore;
  me: Me;
}) {
  const toasts = useToasts();
  const catalog = useCatalog();
  const { fitView } = useReactFlow();
  const placeNew = usePlaceNew();
  const canEdit = hasRole(me.role, 'editor');
  const canRun = hasRole(me.role, 'operator');
  const [current, setCurrent] = useState<FlowDetail | null>(flow);
  const [name, setName] = useState(flow?.name ?? 'Untitled flow');
  const [description, setDescription] = useState(flow?.description ?? '');
  const [savedMeta, setSavedMeta] = useState({ name, description });
  const [dialog, setDialog] = useState<'save' | 'help' | 'versions' | null>(null);
  const [mapping, setMapping] = useState<{ nodeId: string; path: (string | number)[] } | null>(
    null,
  );
  const [viewing, setViewing] = useState<number | null>(null);
  const revision = useStore(store, (s) => s.revision);
  const savedRevision = useStore(store, (s) => s.savedRevision);
  const dirty =
    revision !== savedRevision || name !== savedMeta.name || description !== savedMeta.description;
  const readOnly = !canEdit || viewing !== null;
  const issues = useLiveValidation();
  const paletteSearch = useRef<HTMLInputElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  useUnsavedGuard(dirty && canEdit);

  const { save, activate, makeLive, deactivate } = useFlowMutations(
    current?.id ?? null,
    (saved) => {
      setCurrent(saved);
      if (!current) {
        adoptSamples(saved.id);
        window.history.replaceState(null, '', `/flows/${saved.id}`);
      }
    },
  );
  const testRun = useTestRun(store);
  useSampleMigration(current?.id ?? null);
  const busy = save.isPending
    ? 'save'
    : activate.isPending
      ? 'activate'
      : makeLive.isPending
        ? 'make-live'
        : testRun.running
          ? 'run'
          : null;

  const doSave = useCallback(
    async (message: string): Promise<FlowDetail | null> => {
      const startRevision = store.getState().revision;
      const graph = store.getState().graph();
      try {
        const saved = await save.mutateAsync({
          name: name.trim() || 'Untitled flow',
          description,
          graph,
          message,
        });
        store.setState({ savedRevision: startRevision });
        setSavedMeta({ name, description });
        setDialog(null);
        const problems = saved.problems.length;
        if (problems > 0) {
          toasts.warning(
            `Saved version ${saved.version.version} as a draft with ${problems} problem${problems === 1 ? '' : 's'}: fix ${problems === 1 ? 'it' : 'them'} to activate`,
          );
        } else toasts.info(`Saved version ${saved.version.version}`);
        return saved;
      } catch (err) {
        const byNode = issuesFromFailure(err, store);
        if (byNode) store.getState().setIssues(byNode);
        toasts.error(`Not saved: ${errorMessage(err)}`);
        return null;
      }
    },
    [store, save, name, description, toasts],
  );

  const ensureSaved = async (): Promise<FlowDetail | null> =>
    dirty || !current ? doSave('') : current;

  const onActivate = async () => {
    const saved = await ensureSaved();
    if (!saved) return;
    try {
      const live = await activate.mutateAsync(saved.id);
      setCurrent(live);
      toasts.info(`Version ${live.activeVersion} is live`);
      // What activation itself reveals (another active flow charging on the same store and
      // topic) is said at once; every warning stays listed in the flow panel while it holds.
      for (const warning of live.warnings) {
        if (!saved.warnings.includes(warning)) toasts.warning(warning);
      }
    } catch (err) {
      toasts.error(`Not activated: ${errorMessage(err)}`);
    }
  };
  const onMakeLive = async (version: number) => {
    if (!current) return;
    try {
      const live = await makeLive.mutateAsync({ id: current.id, version });
      setCurrent(live);
      toasts.info(`Version ${live.activeVersion} is live`);
      for (const warning of live.warnings) {
        if (!current.warnings.includes(warning)) toasts.warning(warning);
      }
    } catch (err) {
      toasts.error(`Version ${version} not made live: ${errorMessage(err)}`);
    }
  };
  // The saved version on the canvas, when it is not the live one (unsaved edits are not a version).
  const shownVersion = viewing ?? (dirty ? null : (current?.latestVersion ?? null));
  const makeLiveVersion =
    canEdit && current && shownVersion !== null && shownVersion !== current.activeVersion
      ? current.active || viewing !== null
        ? shownVersion
        : null
      : null;
  const onDeactivate = async () => {
    if (!current) return;
    try {
      setCurrent(await deactivate.mutateAsync(current.id));
      toasts.info('Flow deactivated: its triggers no longer accept events');
    } catch (err) {
      toasts.error(`Not deactivated: ${errorMessage(err)}`);
    }
  };
  // Runs what the canvas shows: the version just saved, even while an older one is live. With no
  // pinned sample, the trigger's payload is asked for first (prefilled from its example).
  type RunChoice = Pick<TestRunOptions, 'stopAfter' | 'test' | 'liveCalls'>;
  const [askPayload, setAskPayload] = useState<RunChoice | null>(null);
  const onRun = async (choice: RunChoice = {}, payload?: unknown) => {
    const saved = await ensureSaved();
    if (!saved) return;
    const started = await testRun.start(saved.id, {
      version: saved.version.version,
      ...choice,
      ...(payload === undefined ? {} : { payload }),
    });
    if (started === 'needs-payload') setAskPayload(choice);
  };
  const triggerEntry = () => {
    const trigger = store.getState().nodes.find((n) => n.data.type.startsWith('trigger.'));
    return trigger ? catalog.get(trigger.data.type, trigger.data.typeVersion) : undefined;
  };

  // "Execute previous nodes": a test run of what the canvas shows, up to the node before.
  const executePrevious =
    canRun && viewing === null
      ? {
          busy: busy !== null,
          run: (stopAfter: string[], liveCalls?: 'confirmed') =>
            onRun({ stopAfter, test: true, ...(liveCalls ? { liveCalls } : {}) }),
        }
      : null;

  const addNote = () => {
    const { position, reveal } = placeNew('note');
    store.getState().addNote(position);
    reveal();
  };

  const addFromPalette = (entry: NodeCatalogEntry) => {
    const s = store.getState();
    const { selected, position, reveal } = placeNew();
    const id = s.addNode(entry.type, entry.version, position);
    reveal();
    // Chain the new node after the one that was selected, on its first output, when allowed.
    const input = entry.ports.inputs[0];
    if (selected && input) {
      const output = portsOf(
        catalog.get(selected.data.type, selected.data.typeVersion),
        selected.data.config,
      ).outputs[0];
      const taken = s.edges.some((e) => e.source === selected.id && e.sourceHandle === output);
      if (output && !taken) store.getState().connect(selected.id, output, id, input);
    }
  };

  const layOut = useCallback(async () => {
    const s = store.getState();
    return autoLayout(
      s.nodes.map((n) => ({
        id: n.id,
        width: n.measured?.width,
        height: n.measured?.height,
        ...portsOf(catalog.get(n.data.type, n.data.typeVersion), n.data.config),
      })),
      s.edges,
    );
  }, [store, catalog]);
  const onLayout = () => {
    void layOut().then((positions) => {
      store.getState().setPositions(positions);
      setTimeout(() => void fitView({ ...FIT, duration: 200 }), 50);
    });
  };
  // A flow saved without positions (made through the API: every node at 0,0) is laid out as it
  // opens, once the cards are measured; that is not an edit of the saved flow.
  const measured = useNodesInitialized();
  const laidOutOnOpen = useRef(false);
  useEffect(() => {
    if (!measured || laidOutOnOpen.current) return;
    laidOutOnOpen.current = true;
    if (!lacksPositions(store.getState().nodes)) return;
    void layOut().then((positions) => {
      const s = store.getState();
      const clean = s.revision === s.savedRevision;
      s.setPositions(positions);
      if (clean) store.setState({ savedRevision: store.getState().revision, past: [] });
      setTimeout(() => void fitView(FIT), 50);
    });
  }, [measured, store, layOut, fitView]);

  const onImportFile = async (file: File) => {
    try {
      const parsed = JSON.parse(await file.text()) as { name?: string; description?: string };
      const graph = parseGraphJson(parsed);
      if (!current) {
        // Into a flow not saved yet: the file becomes a flow of its own, through the runtime's
        // import (inactive, "(copy)" when its name is taken), as from the flow list.
        const created = await importFlow({
          name: parsed.name?.trim() || name.trim() || file.name,
          description: typeof parsed.description === 'string' ? parsed.description : description,
          graph,
        });
        toasts.info(`Imported as “${created.name}”, inactive: activate it when it is ready`);
        navigate(`/flows/${created.id}`);
        return;
      }
      store.getState().replaceGraph(graph);
      if (typeof parsed.description === 'string') setDescription(parsed.description);
      toasts.info(`Imported ${graph.nodes.length} nodes; save to keep them`);
      setTimeout(() => void fitView({ padding: 0.2 }), 50);
    } catch (err) {
      toasts.error(`Cannot import ${file.name}: ${errorMessage(err)}`);
    }
  };

  useEditorShortcuts(
    {
      save: canEdit && viewing === null ? () => setDialog('save') : undefined,
      undo: readOnly ? undefined : () => store.getState().undo(),
      redo: readOnly ? undefined : () => store.getState().redo(),
      delete: readOnly ? undefined : () => store.getState().deleteSelected(),
      'select-all': () => store.getState().selectOnly(store.getState().nodes.map((n) => n.id)),
      duplicate: readOnly
        ? undefined
        : () => store.getState().paste(store.getState().selectedGraph(), { x: 40, y: 40 }),
      fit: () => void fitView(FIT),
      layout: readOnly ? undefined : onLayout,
      run: canRun && viewing === null ? () => void onRun() : undefined,
      help: () => setDialog('help'),
      palette: readOnly ? undefined : () => paletteSearch.current?.focus(),
    },
    readOnly,
  );

  // `?run=<id>`: follow a run started elsewhere (the guided demo's order) live on the canvas.
  const watchRun = testRun.watch;
  const watched = useRef(false);
  const [following] = useState(() => new URLSearchParams(window.location.search).has('run'));
  const [watchedStatus, setWatchedStatus] = useState<string | null>(null);
  const followRun = useCallback(
    (runId: string) => {
      setWatchedStatus(null);
      window.history.replaceState(null, '', `/flows/${current?.id ?? ''}?run=${runId}`);
      void watchRun(runId, FOLLOW_MS).then((run) => setWatchedStatus(run?.status ?? null));
    },
    [watchRun, current?.id],
  );
  useEffect(() => {
    const runId = new URLSearchParams(window.location.search).get('run');
    if (!runId || watched.current) return;
    watched.current = true;
    followRun(runId);
  }, [followRun]);
  useFitWhileFollowing(following, fitView);
  useLatestRun(current?.id ?? null, store, !following);

  useEffect(() => {
    if (viewing === null) return;
    toasts.info(`Viewing version ${viewing}: read-only until you restore it or go back`);
  }, [viewing, toasts]);

  return (
    <ExecutePreviousProvider value={executePrevious}>
      <div
        className={`workspace${viewing !== null ? ' viewing' : ''}${following ? ' following' : ''}`}
      >
        <FlowToolbar
          name={name}
          onRename={setName}
          dirty={dirty}
          active={current?.active ?? false}
          activeVersion={current?.activeVersion ?? null}
          latestVersion={current?.latestVersion ?? null}
          issueCount={issues.count}
          busy={busy}
          readOnly={readOnly}
          makeLiveVersion={makeLiveVersion}
          actions={{
            ...(makeLiveVersion !== null
              ? { onMakeLive: () => void onMakeLive(makeLiveVersion) }
              : {}),
            ...(canEdit && viewing === null ? { onSave: () => setDialog('save') } : {}),
            ...(canEdit && viewing === null ? { onActivate, onDeactivate } : {}),
            ...(canRun && viewing === null ? { onRun: () => void onRun() } : {}),
            ...(!readOnly ? { onLayout, onImport: () => importInput.current?.click() } : {}),
            onFit: () => void fitView(FIT),
            onExport: () => downloadFlow({ name, description, graph: store.getState().graph() }),
            onVersions: () => setDialog('versions'),
            onHelp: () => setDialog('help'),
          }}
        />
        {viewing !== null && (
          <div className="banner" role="status">
            Viewing version {viewing} (read-only).{' '}
            <button type="button" onClick={() => setDialog('versions')}>
              Versions…
            </button>
          </div>
        )}
        <TemplateNotice
          flowId={current?.id ?? null}
          runStatus={watchedStatus}
          followRun={followRun}
        />
        <input
          ref={importInput}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          aria-label="Import flow file"
          data-testid="import-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void onImportFile(file);
            e.target.value = '';
          }}
        />
        <div className="workspace-body">
          <NodePalette
            ref={paletteSearch}
            onAdd={addFromPalette}
            onAddNote={addNote}
            disabled={readOnly}
          />
          <FlowCanvas readOnly={readOnly} />
          <Inspector
            flowId={current?.id ?? null}
            readOnly={readOnly}
            active={current?.active ?? false}
            openMapping={(nodeId, path) => setMapping({ nodeId, path })}
            {...(canRun && viewing === null
              ? {
                  onRunTo: (nodeId: string) => void onRun({ stopAfter: nodeId }),
                  running: busy !== null,
                }
              : {})}
            empty={
              <FlowPanel
                flow={current}
                description={description}
                onDescription={setDescription}
                issues={issues}
                readOnly={readOnly}
                shownRunId={testRun.shownRunId}
                onOpenRun={(id) => void testRun.show(id)}
              />
            }
          />
        </div>
      </div>
      {dialog === 'save' && (
        <SaveDialog
          busy={save.isPending}
          onClose={() => setDialog(null)}
          onSave={(m) => void doSave(m)}
        />
      )}
      {dialog === 'help' && <ShortcutsOverlay onClose={() => setDialog(null)} />}
      {askPayload && (
        <RunPayloadDialog
          example={triggerExample(triggerEntry())}
          onClose={() => setAskPayload(null)}
          onRun={(payload) => {
            setAskPayload(null);
            void onRun(askPayload, payload);
          }}
        />
      )}
      {dialog === 'versions' && (
        <VersionsDialog
          flowId={current?.id ?? null}
          activeVersion={current?.activeVersion ?? null}
          viewing={viewing}
          canEdit={canEdit}
          {...(canEdit ? { onMakeLive } : {})}
          onClose={() => setDialog(null)}
          onView={(version, graph) => {
            if (
              dirty &&
              viewing === null &&
              !window.confirm('Discard unsaved changes to view this version?')
            )
              return;
            store.getState().load(graph);
            setViewing(version);
            setDialog(null);
            setTimeout(() => void fitView({ padding: 0.2 }), 50);
          }}
          onBackToLatest={(graph) => {
            store.getState().load(graph);
            setViewing(null);
            setDialog(null);
          }}
          onRestore={(version, graph) => {
            store.getState().load(current ? current.version.graph : graph);
            store.getState().replaceGraph(graph);
            setViewing(null);
            setDialog(null);
            toasts.info(`Version ${version} restored into the editor: save to make it the latest`);
          }}
        />
      )}
      {mapping && (
        <MappingDialog
          nodeId={mapping.nodeId}
          path={mapping.path}
          flowId={current?.id ?? null}
          onClose={() => setMapping(null)}
        />
      )}
      {!canEdit && (
        <p className="sr-only" role="status">
          You can look but not change flows with the {me.role} role.
        </p>
      )}
    </ExecutePreviousProvider>
  );
}
