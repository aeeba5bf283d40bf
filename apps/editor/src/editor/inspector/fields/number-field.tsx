import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { controlId, useFormContext } from '../form-context';
import { formatDuration } from '../schema/json-schema';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

/**
 * A number (or milliseconds, read back as "1 min 30 s"). What is typed is kept as typed until it
 * is a number, so "1e" on the way to "1e3" does not snap back; an emptied field is unset.
 */
export function NumberField({
  field,
  duration = false,
  actions,
}: {
  field: FieldProps;
  duration?: boolean;
  actions?: ReactNode;
}) {
  const { idPrefix, readOnly } = useFormContext();
  const id = controlId(idPrefix, field.path);
  const external = typeof field.value === 'number' ? String(field.value) : '';
  const [text, setText] = useState(external);
  useEffect(() => {
    if (Number(text) !== Number(external) || (text === '') !== (external === '')) setText(external);
    // Only outside changes (undo, another editor) should overwrite what is being typed.
  }, [external]);
  const shown =
    typeof field.value === 'number' ? field.value : (field.schema.default as number | undefined);
  const notANumber = text.trim() !== '' && !Number.isFinite(Number(text));
  return (
    <FieldShell field={field} actions={actions}>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        readOnly={readOnly}
        placeholder={
          field.schema.default !== undefined
            ? `default: ${String(field.schema.default)}`
            : undefined
        }
        aria-describedby={describedBy(idPrefix, field)}
        aria-invalid={notANumber || undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (field.onText?.(e.target.value)) return;
          const raw = e.target.value.trim();
          if (raw === '') field.onChange(undefined);
          else if (Number.isFinite(Number(raw))) field.onChange(Number(raw));
        }}
      />
      {notANumber && (
        <span className="field-error" role="alert">
          “{text}” is not a number
        </span>
      )}
      {duration && typeof shown === 'number' && (
        <span className="field-note">= {formatDuration(shown)}</span>
      )}
    </FieldShell>
  );
}
