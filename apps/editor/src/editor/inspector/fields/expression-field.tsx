import type { ReactNode } from 'react';
import { checkExpression } from '@paybridge/engine';
import { ExpressionEditor } from '../../mapping/expression-editor';
import { controlId, useFormContext } from '../form-context';
import { defaultExpression } from './default-expression';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

/**
 * A JSONata expression: either a field whose whole value is JSONata (`widget: 'jsonata'`), or
 * any field switched to "fx", stored as `=expression`. The syntax is checked as you type with
 * the runtime's own checker; "Map…" opens the mapping editor on the same text. A field the
 * node declares a default for shows that default as its text, marked as such, so the user sees
 * what the node will read; editing it makes it the user's own, "Reset to default" undoes that.
 */
export function ExpressionField({
  field,
  prefixed,
  actions,
  autoFocus = false,
}: {
  field: FieldProps;
  /** Stored with a leading `=` (a config expression) rather than as plain JSONata. */
  prefixed: boolean;
  actions?: ReactNode;
  /** Take the focus (cursor at the end) when drawn: the field just became one by typing `=`. */
  autoFocus?: boolean;
}) {
  const { idPrefix, readOnly, openMapping } = useFormContext();
  const raw = typeof field.value === 'string' ? field.value : '';
  const fallback = prefixed ? undefined : defaultExpression(field.schema);
  const usesDefault = fallback !== undefined && field.value === undefined;
  const source = usesDefault ? fallback : prefixed ? raw.replace(/^=/, '') : raw;
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
          {fallback !== undefined && !usesDefault && !readOnly && (
            <button
              type="button"
              className="small"
              title="Discard your edits and use the node's default mapping again"
              onClick={() => field.onChange(undefined)}
            >
              Reset to default
            </button>
          )}
          {actions}
        </>
      }
    >
      {usesDefault && (
        <span className="default-badge" data-testid={`default-${field.path.join('.')}`}>
          Default: this is what the node reads unless you edit it
        </span>
      )}
      <ExpressionEditor
        id={id}
        value={source}
        readOnly={readOnly}
        placeholder={field.schema.placeholder}
        describedBy={describedBy(idPrefix, field)}
        errorPosition={check && !check.ok ? check.position : undefined}
        autoFocus={autoFocus}
        onChange={(next) =>
          field.onChange(
            prefixed ? `=${next}` : next === '' || next === fallback ? undefined : next,
          )
        }
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
