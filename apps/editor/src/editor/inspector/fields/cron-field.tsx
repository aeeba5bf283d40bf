import type { ReactNode } from 'react';
import { controlId, useFormContext } from '../form-context';
import { describeCron } from './describe-cron';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';

/** A cron pattern with its meaning in words underneath, updated as you type. */
export function CronField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { idPrefix, readOnly } = useFormContext();
  const value = typeof field.value === 'string' ? field.value : '';
  const { text, error } = describeCron(value);
  return (
    <FieldShell field={field} actions={actions}>
      <input
        id={controlId(idPrefix, field.path)}
        className="mono"
        value={value}
        readOnly={readOnly}
        placeholder={field.schema.placeholder ?? '0 9 * * 1-5'}
        aria-describedby={`${describedBy(idPrefix, field)} ${controlId(idPrefix, field.path)}-reading`}
        onChange={(e) => field.onChange(e.target.value === '' ? undefined : e.target.value)}
      />
      <span
        className={error ? 'field-error' : 'field-note'}
        id={`${controlId(idPrefix, field.path)}-reading`}
        data-testid="cron-reading"
      >
        {text ?? error ?? 'minute hour day-of-month month day-of-week'}
      </span>
    </FieldShell>
  );
}
