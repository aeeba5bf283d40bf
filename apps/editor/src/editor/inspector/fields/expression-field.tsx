import type { ReactNode } from 'react';
import { checkExpression } from '@paybridge/engine';
import { ExpressionEditor } from '../../mapping/expression-editor';
import { controlId, useFormContext } from '../form-context';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

/**
 * A JSONata expression: either a field whose whole value is JSONata (`widget: 'jsonata'`), or
 * any field switched to "fx", stored as `=expression`. The syntax is checked as you type with
 * the runtime's own checker; "Map…" opens the mapping editor on the same text.
 */
export function ExpressionField({
  field,
  prefixed,
  actions,
}: {
  field: FieldProps;
  /** Stored with a leading `=` (a config expression) rather than as plain JSONata. */
  prefixed: boolean;
  actions?: ReactNode;
}) {
  const { idPrefix, readOnly, openMapping } = useFormContext();
  const raw = typeof field.value === 'string' ? field.value : '';
  const source = prefixed ? raw.replace(/^=/, '') : raw;
  const check = source.trim() === '' ? null : checkExpression(source);
  const id = controlId(idPrefix, field.path);
  return (
    <FieldShell
      field={field}
      actions={
        <>
          {openMapping && !readOnly && (
            <button
              type="button"
              className="small"
              data-testid={`open-mapping-${field.path.join('.')}`}
              onClick={() => openMapping(field.path)}
            >
              Map…
            </button>
          )}
          {actions}
        </>
      }
    >
      <ExpressionEditor
        id={id}
        value={source}
        readOnly={readOnly}
        placeholder={field.schema.placeholder}
        describedBy={describedBy(idPrefix, field)}
        errorPosition={check && !check.ok ? check.position : undefined}
        onChange={(next) => field.onChange(prefixed ? `=${next}` : next === '' ? undefined : next)}
      />
      {check && !check.ok && (
        <span className="field-error" role="alert">
          {check.message.replace(/ in expression ".*"$/s, '')}
        </span>
      )}
    </FieldShell>
  );
}

/** Whether a config value is a `=` JSONata expression. */
export function isExpressionValue(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}
