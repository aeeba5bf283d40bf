import { useState, type DragEvent } from 'react';
import type { FieldSchema } from '../inspector/schema/json-schema';
import type { MappedField } from './object-expression';
import { typeMismatch, type PreviewResult } from './preview';
import { PATH_DRAG_TYPE, type PickedSource } from './source-tree';

function dropped(e: DragEvent): PickedSource | null {
  const raw = e.dataTransfer.getData(PATH_DRAG_TYPE);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as PickedSource;
  } catch {
    return null;
  }
}

function accepts(e: DragEvent) {
  if (e.dataTransfer.types.includes(PATH_DRAG_TYPE)) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }
}

function short(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return 'nothing';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The target type a schema property names, for type checks. */
export function schemaType(schema: FieldSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.enum) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/**
 * The fields the map builds: the downstream node's expected input, or the document an ERP node
 * posts (from its schema), plus any free-form ones. Drop a source field on a row to map it, or
 * on the last row to add a field. Each row shows its value on the sample and whether it fits
 * the expected type.
 */
export function TargetFields({
  fields,
  schema,
  previews,
  activeKey,
  onSelect,
  onDropSource,
  onChange,
  onRemove,
  onAdd,
}: {
  fields: readonly MappedField[];
  schema: FieldSchema | undefined;
  previews: Record<string, PreviewResult>;
  activeKey: string | null;
  onSelect: (key: string) => void;
  onDropSource: (key: string | null, source: PickedSource) => void;
  onChange: (key: string, expression: string) => void;
  onRemove: (key: string) => void;
  onAdd: (key: string) => void;
}) {
  const [hover, setHover] = useState<string | null>(null);
  const [newKey, setNewKey] = useState('');
  const props = schema?.properties ?? {};
  const keys = [...Object.keys(props), ...fields.map((f) => f.key).filter((k) => !(k in props))];
  return (
    <div className="target-fields" aria-label="Target fields">
      {keys.length === 0 && (
        <p className="hint">No fields yet: drop a source field below to start.</p>
      )}
      <ul>
        {keys.map((key) => {
          const field = fields.find((f) => f.key === key);
          const expected = schemaType(props[key]);
          const preview = previews[key];
          const mismatch = field && preview?.ok ? typeMismatch(preview.value, expected) : null;
          const required = schema?.required?.includes(key) ?? false;
          return (
            <li
              key={key}
              className={`target-row${activeKey === key ? ' active' : ''}${hover === key ? ' drop-hover' : ''}`}
              data-testid={`target-${key}`}
              onDragOver={(e) => {
                accepts(e);
                setHover(key);
              }}
              onDragLeave={() => setHover(null)}
              onDrop={(e) => {
                const source = dropped(e);
                setHover(null);
                if (!source) return;
                e.preventDefault();
                onDropSource(key, source);
              }}
            >
              <button
                type="button"
                className="target-key"
                aria-pressed={activeKey === key}
                onClick={() => onSelect(key)}
              >
                {key}
                {required && <span aria-label="required"> *</span>}
                {expected && <span className="tree-type">{expected}</span>}
              </button>
              <input
                className="mono"
                aria-label={`Expression for ${key}`}
                value={field?.expression ?? ''}
                placeholder={field ? '' : 'drop a field here'}
                onFocus={() => onSelect(key)}
                onChange={(e) => onChange(key, e.target.value)}
              />
              {field && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${key}`}
                  onClick={() => onRemove(key)}
                >
                  ×
                </button>
              )}
              <div className="target-preview" data-testid={`target-preview-${key}`}>
                {!field ? (
                  required ? (
                    <span className="warning-text">required, not mapped yet</span>
                  ) : null
                ) : preview === undefined ? null : preview.ok ? (
                  <code>{short(preview.value)}</code>
                ) : (
                  <span className="error-text">{preview.message}</span>
                )}
                {mismatch && (
                  <span className="warning-text" role="alert" data-testid={`mismatch-${key}`}>
                    {' '}
                    ⚠ {mismatch}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <div
        className={`drop-new${hover === '\u0000new' ? ' drop-hover' : ''}`}
        data-testid="target-new"
        onDragOver={(e) => {
          accepts(e);
          setHover('\u0000new');
        }}
        onDragLeave={() => setHover(null)}
        onDrop={(e) => {
          const source = dropped(e);
          setHover(null);
          if (!source) return;
          e.preventDefault();
          onDropSource(null, source);
        }}
      >
        Drop a field here to add it
      </div>
      <form
        className="add-field"
        onSubmit={(e) => {
          e.preventDefault();
          const key = newKey.trim();
          if (!key) return;
          onAdd(key);
          setNewKey('');
        }}
      >
        <input
          aria-label="New field name"
          placeholder="new field name"
          value={newKey}
          onChange={(e) => setNewKey(e.target.value)}
        />
        <button type="submit" className="small">
          + Field
        </button>
      </form>
    </div>
  );
}
