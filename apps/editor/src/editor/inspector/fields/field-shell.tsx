import type { ReactNode } from 'react';
import { controlId, useFormContext } from '../form-context';
import { fieldTitle } from '../schema/json-schema';
import type { FieldProps } from './field-props';

/**
 * Label, help text and the schema's messages around one control. Messages are tied to the
 * control with `aria-describedby`, so a screen reader reads them with the field.
 */
export function FieldShell({
  field,
  children,
  exactIssues = false,
  actions,
  as = 'label',
}: {
  field: FieldProps;
  children: ReactNode;
  /** Only messages for this very path (composite fields show their children's on them). */
  exactIssues?: boolean;
  actions?: ReactNode;
  as?: 'label' | 'fieldset';
}) {
  const { idPrefix, issues } = useFormContext();
  const id = controlId(idPrefix, field.path);
  const mine = issues.filter((i) =>
    exactIssues
      ? i.path.join('.') === field.path.join('.')
      : field.path.every((k, n) => i.path[n] === k),
  );
  const title = fieldTitle(field.schema, field.name);
  const label = (
    <span className="field-label">
      {title}
      {field.required && <span aria-hidden="true"> *</span>}
    </span>
  );
  const help = field.schema.description ? (
    <span className="field-help" id={`${id}-help`}>
      {stripTicks(field.schema.description)}
    </span>
  ) : null;
  const problems =
    mine.length > 0 ? (
      <span className="field-error" id={`${id}-error`} role="alert">
        {mine.map((i) => i.message).join('; ')}
      </span>
    ) : null;
  if (as === 'fieldset') {
    return (
      <fieldset
        className={`field${mine.length ? ' invalid' : ''}`}
        data-field={field.path.join('.')}
      >
        <legend className="field-legend">
          {label}
          {actions}
        </legend>
        {help}
        {children}
        {problems}
      </fieldset>
    );
  }
  return (
    <div className={`field${mine.length ? ' invalid' : ''}`} data-field={field.path.join('.')}>
      <div className="field-top">
        <label htmlFor={id}>{label}</label>
        {actions}
      </div>
      {children}
      {help}
      {problems}
    </div>
  );
}

/** `describedBy` for a control: its help and its error, when present. */
export function describedBy(prefix: string, field: FieldProps): string {
  const id = controlId(prefix, field.path);
  return `${id}-help ${id}-error`;
}

function stripTicks(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1');
}
