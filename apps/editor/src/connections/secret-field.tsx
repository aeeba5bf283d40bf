import { useState } from 'react';
import { fieldTitle, type FieldSchema } from '../editor/inspector/schema/json-schema';

/** A secret's state in the form: kept as stored, replaced with new text, or cleared. */
export type SecretDraft =
  { kind: 'keep' } | { kind: 'set'; value: string | string[] } | { kind: 'clear' };

/**
 * A write-only field: what is stored is never shown, only that something is. Typing a new
 * value replaces it on save; leaving it alone keeps it. Lists of secrets (signing secrets during
 * a rotation) get one masked input per entry.
 */
export function SecretField({
  name,
  schema,
  stored,
  draft,
  required,
  error,
  onChange,
}: {
  name: string;
  schema: FieldSchema;
  /** Whether the runtime holds a value for this field. */
  stored: boolean;
  draft: SecretDraft;
  required: boolean;
  error: string | undefined;
  onChange: (draft: SecretDraft) => void;
}) {
  const id = `secret-${name}`;
  const list = schema.type === 'array';
  const [visible, setVisible] = useState(false);
  const title = fieldTitle(schema, name);
  const editing = draft.kind === 'set' || !stored;
  const values =
    draft.kind === 'set' ? (Array.isArray(draft.value) ? draft.value : [draft.value]) : [''];
  const write = (next: string[]) => onChange({ kind: 'set', value: list ? next : (next[0] ?? '') });
  return (
    <div className={`field${error ? ' invalid' : ''}`} data-field={name}>
      <div className="field-top">
        <label htmlFor={`${id}-0`}>
          <span className="field-label">
            {title}
            {required && <span aria-hidden="true"> *</span>}
          </span>{' '}
          <span className="hint">(secret, write-only)</span>
        </label>
      </div>
      {!editing ? (
        <div className="secret-stored">
          <span className="masked" data-testid={`secret-${name}-masked`} id={`${id}-0`}>
            {draft.kind === 'clear' ? 'will be cleared' : '•••••••• saved'}
          </span>
          <button type="button" className="small" onClick={() => write([''])}>
            Replace
          </button>
          {!required && draft.kind !== 'clear' && (
            <button type="button" className="small" onClick={() => onChange({ kind: 'clear' })}>
              Clear
            </button>
          )}
          {draft.kind === 'clear' && (
            <button type="button" className="small" onClick={() => onChange({ kind: 'keep' })}>
              Keep
            </button>
          )}
        </div>
      ) : (
        <div className="secret-inputs">
          {values.map((v, i) => (
            <div className="kv-row" key={i}>
              <input
                id={`${id}-${i}`}
                type={visible ? 'text' : 'password'}
                autoComplete="new-password"
                value={v}
                aria-label={list ? `${title} ${i + 1}` : undefined}
                aria-describedby={`${id}-help ${id}-error`}
                onChange={(e) => write(values.map((x, n) => (n === i ? e.target.value : x)))}
              />
              {list && values.length > 1 && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${title} ${i + 1}`}
                  onClick={() => write(values.filter((_, n) => n !== i))}
                >
                  ×
                </button>
              )}
            </div>
          ))}
          <div className="secret-tools">
            {list && (
              <button type="button" className="small" onClick={() => write([...values, ''])}>
                + Add
              </button>
            )}
            <button
              type="button"
              className="small"
              aria-pressed={visible}
              onClick={() => setVisible(!visible)}
            >
              {visible ? 'Hide' : 'Show'} while typing
            </button>
            {stored && (
              <button type="button" className="small" onClick={() => onChange({ kind: 'keep' })}>
                Keep saved value
              </button>
            )}
          </div>
        </div>
      )}
      {schema.description && (
        <span className="field-help" id={`${id}-help`}>
          {schema.description.replace(/`/g, '')}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
