import type { ReactNode } from 'react';
import { SelectField, SwitchField } from './choice-fields';
import type { FieldProps } from './field-props';

/** A select or a switch, whichever the schema asks for. */
export function ChoiceField({
  field,
  kind,
  actions,
}: {
  field: FieldProps;
  kind: 'select' | 'switch';
  actions?: ReactNode;
}) {
  return kind === 'select' ? (
    <SelectField field={field} actions={actions} />
  ) : (
    <SwitchField field={field} actions={actions} />
  );
}
