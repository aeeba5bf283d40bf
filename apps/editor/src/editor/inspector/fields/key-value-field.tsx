import type { ReactNode } from 'react';
import { controlId, useFormContext } from '../form-context';
import { FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

type Row = [string, string];

/**
 * Names and values (headers, query parameters). Rows keep their order; a row with an empty name
 * is kept while typing but not written, and a repeated name is pointed out.
 */
export function KeyValueField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { idPrefix, readOnly } = useFormContext();
  const id = controlId(idPrefix, field.path);
  const record =
    field.value && typeof field.value === 'object' && !Array.isArray(field.value)
      ? (field.value as Record<string, unknown>)
      : {};
  const rows: Row[] = Object.entries(record).map(([k, v]) => [
    k,
    typeof v === 'string' ? v : JSON.stringify(v),
  ]);
  const write = (next: Row[]) => {
    const out: Record<string, string> = {};
    for (const [k, v] of next) out[k] = v;
    field.onChange(next.length === 0 ? undefined : out);
  };
  return (
    <FieldShell field={field} actions={actions} as="fieldset">
      <div className="kv-list" id={id}>
        {rows.map(([key, value], i) => (
          <div className="kv-row" key={i}>
            <input
              aria-label={`Name ${i + 1}`}
              value={key}
              readOnly={readOnly}
              placeholder="Name"
              onChange={(e) => write(rows.map((r, n) => (n === i ? [e.target.value, r[1]] : r)))}
            />
            <input
              aria-label={`Value ${i + 1}`}
              value={value}
              readOnly={readOnly}
              placeholder="Value or =expression"
              onChange={(e) => write(rows.map((r, n) => (n === i ? [r[0], e.target.value] : r)))}
            />
            {!readOnly && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${key || 'row'}`}
                onClick={() => write(rows.filter((_, n) => n !== i))}
              >
                ×
              </button>
            )}
          </div>
        ))}
        {!readOnly && (
          <button
            type="button"
            className="small"
            disabled={Object.hasOwn(record, '')}
            title={Object.hasOwn(record, '') ? 'Name the empty row first' : undefined}
            onClick={() => write([...rows, ['', '']])}
          >
            + Add
          </button>
        )}
      </div>
    </FieldShell>
  );
}
