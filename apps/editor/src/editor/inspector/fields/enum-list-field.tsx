import type { ReactNode } from 'react';
import { controlId, useFormContext } from '../form-context';
import { FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

/**
 * A list whose items must be among the schema's `enum` values (the Shopify topics a trigger
 * supports): one checkbox per value the node declares, never free text to mistype. The default
 * list shows checked without being written.
 */
export function EnumListField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { idPrefix, readOnly } = useFormContext();
  const options = (field.schema.items?.enum ?? []).map(String);
  const given = Array.isArray(field.value) ? field.value.map(String) : null;
  const fallback = Array.isArray(field.schema.default) ? field.schema.default.map(String) : [];
  const chosen = new Set(given ?? fallback);
  const id = controlId(idPrefix, field.path);
  return (
    <FieldShell field={field} actions={actions} as="fieldset">
      <div className="enum-list" id={id}>
        {options.map((option) => (
          <label key={option} className="enum-option">
            <input
              type="checkbox"
              checked={chosen.has(option)}
              disabled={readOnly}
              onChange={(e) => {
                const next = options.filter((o) =>
                  o === option ? e.target.checked : chosen.has(o),
                );
                field.onChange(next);
              }}
            />
            <span className="mono">{option}</span>
          </label>
        ))}
      </div>
    </FieldShell>
  );
}
