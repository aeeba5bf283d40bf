import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { controlId, useFormContext } from '../form-context';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

/** Every IANA zone the browser knows; older browsers lack `supportedValuesOf`, so UTC then. */
function timeZones(): string[] {
  const intl: Partial<Pick<typeof Intl, 'supportedValuesOf'>> = Intl;
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

/**
 * Single-line text, multi-line text, ISO date-time and IANA time zone (with suggestions). An
 * emptied field is unset rather than `""`, so the node's default applies again.
 */
export function TextField({
  field,
  variant = 'text',
  actions,
}: {
  field: FieldProps;
  variant?: 'text' | 'textarea' | 'date-time' | 'timezone';
  actions?: ReactNode;
}) {
  const { idPrefix, readOnly } = useFormContext();
  const id = controlId(idPrefix, field.path);
  const zones = useMemo(() => (variant === 'timezone' ? timeZones() : []), [variant]);
  const value = typeof field.value === 'string' ? field.value : '';
  const placeholder =
    field.schema.placeholder ??
    (variant === 'date-time'
      ? '2030-01-31T09:00:00Z'
      : field.schema.default !== undefined
        ? `default: ${String(field.schema.default)}`
        : undefined);
  const common = {
    id,
    value,
    placeholder,
    readOnly,
    'aria-describedby': describedBy(idPrefix, field),
    'aria-required': field.required || undefined,
    onChange: (e: { target: { value: string } }) =>
      field.onChange(e.target.value === '' ? undefined : e.target.value),
  };
  return (
    <FieldShell field={field} actions={actions}>
      {variant === 'textarea' ? (
        <textarea rows={4} {...common} />
      ) : (
        <input type="text" list={variant === 'timezone' ? `${id}-zones` : undefined} {...common} />
      )}
      {variant === 'timezone' && (
        <datalist id={`${id}-zones`}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      )}
    </FieldShell>
  );
}
