import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { controlId, useFormContext } from '../form-context';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

function show(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/**
 * Any JSON value. The text is parsed as you type; until it parses, the last good value stays in
 * the flow and the parser's complaint is shown under the box.
 */
export function JsonField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { idPrefix, readOnly } = useFormContext();
  const [text, setText] = useState(() => show(field.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let same: boolean;
    try {
      same = text.trim() !== '' && JSON.stringify(JSON.parse(text)) === JSON.stringify(field.value);
    } catch {
      same = false;
    }
    if (!same && !(text.trim() === '' && field.value === undefined)) {
      setText(show(field.value));
      setError(null);
    }
    // Re-sync only when the value changes from outside (undo, mapping editor).
  }, [field.value]);
  return (
    <FieldShell field={field} actions={actions}>
      <textarea
        id={controlId(idPrefix, field.path)}
        className="mono"
        rows={5}
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        placeholder={field.schema.placeholder ?? '{ "key": "value" }'}
        aria-describedby={describedBy(idPrefix, field)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (field.onText?.(e.target.value)) return;
          if (e.target.value.trim() === '') {
            setError(null);
            field.onChange(undefined);
            return;
          }
          try {
            field.onChange(JSON.parse(e.target.value));
            setError(null);
          } catch (err) {
            setError(`Not valid JSON: ${(err as Error).message}`);
          }
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </FieldShell>
  );
}
