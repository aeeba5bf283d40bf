import { useEffect, useMemo, useState } from 'react';
import { Dialog } from '../../ui/dialog';
import { useCatalog } from '../catalog/catalog-context';
import { defaultExpression } from '../inspector/fields/default-expression';
import type { FieldSchema } from '../inspector/schema/json-schema';
import { SampleEditor } from '../runs/sample-editor';
import { useSamples } from '../runs/use-samples';
import { useFlowStore, useFlowStoreApi } from '../store/flow-store-context';
import { ExecutePreviousButton } from '../runs/execute-previous-button';
import { fieldNames } from './data-tree';
import { ExpressionEditor } from './expression-editor';
import { computeNodeScope, type NodeScope } from './node-scope';
import { newFieldKey, parseObjectExpression, writeObjectExpression } from './object-expression';
import { writePath, type TargetType } from './path-writer';
import { DocumentFields } from './document-fields';
import { fitToTarget, sampleAt } from './minor-units';
import { previewExpression, typeMismatch, type PreviewResult } from './preview';
import { PreviewPane } from './preview-pane';
import { SourceTree, type PickedSource } from './source-tree';
import { schemaExample, type ExampleSchema } from './schema-example';
import { schemaType, TargetFields } from './target-fields';

function schemaAt(
  schema: FieldSchema,
  path: readonly (string | number)[],
): FieldSchema | undefined {
  let current: FieldSchema | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    current = typeof key === 'number' ? current.items : current.properties?.[key];
  }
  return current;
}

function valueAt(config: Record<string, unknown>, path: readonly (string | number)[]): unknown {
  let current: unknown = config;
  for (const key of path)
    current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

function setAt(
  config: Record<string, unknown>,
  path: readonly (string | number)[],
  value: unknown,
) {
  const copy = structuredClone(config);
  let current = copy as Record<string | number, unknown>;
  path.slice(0, -1).forEach((key, i) => {
    current[key] ??= typeof path[i + 1] === 'number' ? [] : {};
    current = current[key] as Record<string | number, unknown>;
  });
  current[path.at(-1) as string | number] = value;
  return copy;
}

/**
 * The mapping editor for an expression field: the data available at the node on the left,
 * the expression and (for a map building an object) its target fields in the middle, the live
 * result on the sample on the right. Dragging a source field writes its JSONata path; typing
 * updates the preview; type mismatches with the target schema are flagged before applying.
 */
export function MappingDialog({
  nodeId,
  path,
  flowId,
  onClose,
}: {
  nodeId: string;
  path: (string | number)[];
  flowId: string | null;
  onClose: () => void;
}) {
  const store = useFlowStoreApi();
  const catalog = useCatalog();
  const node = store.getState().nodes.find((n) => n.id === nodeId);
  const entry = node ? catalog.get(node.data.type, node.data.typeVersion) : undefined;
  const fieldSchema = entry ? schemaAt(entry.configSchema as FieldSchema, path) : undefined;
  const raw = valueAt(node?.data.config ?? {}, path);
  const prefixed = fieldSchema?.widget !== 'jsonata';
  const [text, setText] = useState(() =>
    typeof raw === 'string'
      ? raw.replace(/^=/, '')
      : ((prefixed ? undefined : defaultExpression(fieldSchema)) ?? ''),
  );
  const [scope, setScope] = useState<NodeScope | null>(null);
  const [showSample, setShowSample] = useState(false);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [fieldPreviews, setFieldPreviews] = useState<Record<string, PreviewResult>>({});
  const [activeKey, setActiveKey] = useState<string | null>(null);

  const graph = useMemo(() => store.getState().graph(), [store]);
  const trigger = graph.nodes.find((n) => n.type.startsWith('trigger.'));
  const samples = useSamples(flowId);
  const sample =
    trigger && Object.hasOwn(samples.all, trigger.id) ? samples.all[trigger.id] : undefined;
  const downstream = graph.edges.find((e) => e.from.node === nodeId)?.to.node;
  const downstreamNode = graph.nodes.find((n) => n.id === downstream);
  // An ERP node's mapping builds the document the node declares; a map builds the next input.
  const documentSchema =
    entry?.mappingTarget && path.length === 1 && path[0] === entry.mappingTarget.field
      ? (entry.mappingTarget.schema as FieldSchema)
      : undefined;
  const targetSchema =
    documentSchema ??
    (downstreamNode
      ? (catalog.get(downstreamNode.type, downstreamNode.typeVersion)?.inputSchema as
          FieldSchema | undefined)
      : undefined);
  const objectMode =
    documentSchema !== undefined ||
    (node?.data.type === 'map' && path.length === 1 && path[0] === 'expression');
  const fields = objectMode ? parseObjectExpression(text) : null;

  // Wait for the pinned sample (a failed load previews without one rather than never).
  const samplesSettled = samples.ready || samples.error !== null;
  // A test run finishing while the editor is open ("Execute previous nodes") brings real data.
  const runData = useFlowStore((s) => s.run);
  useEffect(() => {
    if (!samplesSettled) return;
    let live = true;
    const outputs = Object.fromEntries(Object.entries(runData).map(([id, r]) => [id, r.output]));
    const ports = Object.fromEntries(Object.entries(runData).map(([id, r]) => [id, r.port]));
    const example = (n: { type: string; typeVersion: number }) =>
      schemaExample(catalog.get(n.type, n.typeVersion)?.outputSchema as ExampleSchema | undefined);
    void computeNodeScope(graph, nodeId, outputs, sample, example, ports).then(
      (s) => live && setScope(s),
    );
    return () => {
      live = false;
    };
  }, [graph, nodeId, runData, sample, samplesSettled, catalog]);

  useEffect(() => {
    if (!scope) return;
    let live = true;
    const timer = setTimeout(() => {
      void previewExpression(text, scope.scope).then((r) => live && setPreview(r));
      if (fields) {
        void Promise.all(
          fields.map(
            async (f) => [f.key, await previewExpression(f.expression, scope.scope)] as const,
          ),
        ).then((pairs) => live && setFieldPreviews(Object.fromEntries(pairs)));
      }
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `fields` is derived from `text`.
  }, [text, scope]);

  const names = useMemo(() => {
    const set = new Set<string>();
    for (const s of scope?.sources ?? []) fieldNames(s.value, set);
    return [...set].sort();
  }, [scope]);

  const targetTypeOf = (key: string | null): TargetType =>
    ((key === null ? schemaType(fieldSchema) : schemaType(targetSchema?.properties?.[key])) ??
      'any') as TargetType;

  // A price dropped on an amount in minor units is converted (ERP documents take both).
  const writeFor = (source: PickedSource, target: TargetType) => {
    const path = writePath(source.origin, source.segments, target).expression;
    if (documentSchema) return path;
    return fitToTarget(
      path,
      sampleAt(scope?.sources ?? [], source.origin, source.segments),
      target,
    );
  };

  const mapTo = (key: string | null, source: PickedSource) => {
    const written = (target: TargetType) => writeFor(source, target);
    if (!fields) {
      setText(written(targetTypeOf(null)));
      return;
    }
    const name =
      key ??
      newFieldKey(
        source.label === 'each item' ? 'items' : source.label,
        fields.map((f) => f.key),
      );
    const expression = written(targetTypeOf(name));
    const exists = fields.some((f) => f.key === name);
    const next = exists
      ? fields.map((f) => (f.key === name ? { ...f, expression } : f))
      : [...fields, { key: name, expression }];
    setText(writeObjectExpression(next));
    setActiveKey(name);
  };

  const single =
    !fields && prefixed && preview?.ok
      ? typeMismatch(preview.value, schemaType(fieldSchema))
      : null;
  const mismatches = fields
    ? fields
        .map((f) => {
          const r = fieldPreviews[f.key];
          // ERP documents take amounts as minor units or decimal strings alike: no type check.
          const why =
            r?.ok && !documentSchema
              ? typeMismatch(r.value, schemaType(targetSchema?.properties?.[f.key]))
              : null;
          return why ? `${f.key}: ${why}` : null;
        })
        .filter((m): m is string => m !== null)
    : single
      ? [single]
      : [];

  const apply = () => {
    if (!node) return;
    const value = prefixed ? `=${text}` : text;
    store.getState().updateNode(nodeId, { config: setAt(node.data.config, path, value) });
    onClose();
  };

  if (!node) return null;
  const hasData = (scope?.sources ?? []).some((s) => s.value !== undefined);
  return (
    <Dialog
      title={`Mapping · ${node.data.name || nodeId} · ${path.join('.')}`}
      onClose={onClose}
      wide
      testId="mapping-dialog"
    >
      <div className="mapping">
        <div className="mapping-sources">
          <div className="mapping-col-head">
            <h3>Available data</h3>
            {trigger && (
              <button
                type="button"
                className="small"
                aria-expanded={showSample}
                onClick={() => setShowSample(!showSample)}
              >
                {showSample ? 'Hide sample' : 'Sample…'}
              </button>
            )}
          </div>
          <ExecutePreviousButton nodeId={nodeId} />
          {showSample && trigger && (
            <SampleEditor
              flowId={flowId}
              nodeId={trigger.id}
              triggerType={trigger.type}
              config={trigger.config}
            />
          )}
          {scope ? (
            <SourceTree
              sources={scope.sources}
              onPick={(s) => mapTo(fields ? activeKey : null, s)}
              textFor={(s) =>
                // Dropped into the text of a single field: written for that field's type.
                fields
                  ? writePath(s.origin, s.segments, 'any').expression
                  : writeFor(s, targetTypeOf(null))
              }
            />
          ) : (
            <p className="hint">Reading sample data…</p>
          )}
        </div>
        <div className="mapping-target">
          {fields && (
            <>
              <h3>
                Target fields{' '}
                {documentSchema ? (
                  <span className="hint">(the document this node posts)</span>
                ) : targetSchema ? (
                  <span className="hint">(what {downstream} expects)</span>
                ) : (
                  <span className="hint">(free-form: name them as the next step needs)</span>
                )}
              </h3>
              <TargetFields
                fields={fields}
                schema={targetSchema}
                previews={fieldPreviews}
                activeKey={activeKey}
                onSelect={setActiveKey}
                onDropSource={mapTo}
                onChange={(key, expression) =>
                  setText(
                    writeObjectExpression(
                      fields.some((f) => f.key === key)
                        ? fields.map((f) => (f.key === key ? { ...f, expression } : f))
                        : [...fields, { key, expression }],
                    ),
                  )
                }
                onRemove={(key) =>
                  setText(writeObjectExpression(fields.filter((f) => f.key !== key)))
                }
                onAdd={(key) => {
                  if (!fields.some((f) => f.key === key))
                    setText(writeObjectExpression([...fields, { key, expression: '' }]));
                  setActiveKey(key);
                }}
              />
            </>
          )}
          {documentSchema && !fields && (
            <DocumentFields
              schema={documentSchema}
              onStartObject={() => {
                setText(writeObjectExpression([]));
                setActiveKey(null);
              }}
            />
          )}
          {objectMode && !documentSchema && !fields && (
            <p className="hint">
              This expression is not a plain object, so it is edited as text: drop fields into the
              editor.
            </p>
          )}
          <h3>Expression</h3>
          <ExpressionEditor
            id="mapping-expression"
            testId="mapping-expression"
            value={text}
            onChange={setText}
            fields={names}
            minLines={6}
            errorPosition={preview && !preview.ok ? preview.position : undefined}
            errorMessage={preview && !preview.ok ? preview.message : undefined}
          />
          <p className="hint">
            Ctrl+Space completes fields and $functions. Drag a field into the text to insert its
            path.
          </p>
        </div>
        <div className="mapping-preview">
          <PreviewPane result={preview} hasData={hasData} />
          {mismatches.length > 0 && (
            <div className="warning-text" role="alert" data-testid="mapping-mismatches">
              <strong>Type mismatches</strong>
              <ul>
                {mismatches.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="primary" data-testid="mapping-apply" onClick={apply}>
              {mismatches.length > 0
                ? `Apply anyway (${mismatches.length} warning${mismatches.length === 1 ? '' : 's'})`
                : 'Apply'}
            </button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
