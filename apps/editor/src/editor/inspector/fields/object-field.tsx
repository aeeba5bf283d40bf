import type { ReactNode } from 'react';
import type { FieldSchema } from '../schema/json-schema';
import { FieldShell } from './field-shell';
import type { FieldProps } from './field-props';
import { SchemaField } from './schema-field';

/** A nested object with known properties: a group of fields. */
export function ObjectField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const value =
    field.value && typeof field.value === 'object' ? (field.value as Record<string, unknown>) : {};
  return (
    <FieldShell field={field} actions={actions} exactIssues as="fieldset">
      {Object.entries(field.schema.properties ?? {}).map(([name, schema]) => (
        <SchemaField
          key={name}
          name={name}
          path={[...field.path, name]}
          schema={schema as FieldSchema}
          value={value[name]}
          required={field.schema.required?.includes(name) ?? false}
          onChange={(next) => {
            const copy = { ...value };
            if (next === undefined) delete copy[name];
            else copy[name] = next;
            field.onChange(Object.keys(copy).length === 0 ? undefined : copy);
          }}
        />
      ))}
    </FieldShell>
  );
}
