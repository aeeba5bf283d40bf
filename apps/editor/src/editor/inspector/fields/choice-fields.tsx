import type { ReactNode } from 'react';
import { controlId, useFormContext } from '../form-context';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

/** One of the schema's `enum` values; the default is shown selected without being written. */
export function SelectField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { idPrefix, readOnly } = useFormContext();
  const options = (field.schema.enum ?? []).map(String);
  const current = field.value ?? field.schema.default;
  return (
    <FieldShell field={field} actions={actions}>
      <select
        id={controlId(idPrefix, field.path)}
        value={current === undefined ? '' : String(current)}
        disabled={readOnly}
        aria-describedby={describedBy(idPrefix, field)}
        onChange={(e) => field.onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        {current === undefined && <option value="">Choose…</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** An on/off switch (a checkbox with the switch role). */
export function SwitchField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { idPrefix, readOnly } = useFormContext();
  const checked = Boolean(field.value ?? field.schema.default ?? false);
  return (
    <FieldShell field={field} actions={actions}>
      <input
        id={controlId(idPrefix, field.path)}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        disabled={readOnly}
        aria-describedby={describedBy(idPrefix, field)}
        onChange={(e) => field.onChange(e.target.checked)}
      />
    </FieldShell>
  );
}
