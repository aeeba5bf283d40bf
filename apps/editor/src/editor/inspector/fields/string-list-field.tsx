import { useEffect, useState, type ReactNode } from 'react';
import { controlId, useFormContext } from '../form-context';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

function lines(value: unknown): string {
  return Array.isArray(value) ? (value as unknown[]).map(String).join('\n') : '';
}

/** A list of strings typed one per line (CIDR ranges, tags). Blank lines are not written. */
export function StringListField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { idPrefix, readOnly } = useFormContext();
  const [text, setText] = useState(() => lines(field.value));
  useEffect(() => {
    const items = text
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.join('\n') !== lines(field.value)) setText(lines(field.value));
    // Re-sync only when the value changes from outside (undo).
  }, [field.value]);
  return (
    <FieldShell field={field} actions={actions}>
      <textarea
        id={controlId(idPrefix, field.path)}
        className="mono"
        rows={3}
        value={text}
        readOnly={readOnly}
        placeholder={`${field.schema.placeholder ?? ''}${field.schema.placeholder ? '\n' : ''}(one per line)`}
        aria-describedby={describedBy(idPrefix, field)}
        onChange={(e) => {
          setText(e.target.value);
          const items = e.target.value
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean);
          field.onChange(items.length === 0 ? undefined : items);
        }}
      />
    </FieldShell>
  );
}
