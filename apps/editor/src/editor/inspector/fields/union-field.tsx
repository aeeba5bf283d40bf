import type { ReactNode } from 'react';
import { TRIGGER_AUTH_CONNECTION_TYPES } from '@paybridge/nodes/definitions';
import { controlId, useFormContext } from '../form-context';
import { unionVariants, type FieldSchema } from '../schema/json-schema';
import { describedBy, FieldShell } from './field-shell';
import type { FieldProps } from './field-props';
import { SchemaField } from './schema-field';

/**
 * Which connection types a union variant's connection field accepts. REST trigger auth methods
 * are mapped by the nodes package itself; other unions accept any type.
 */
function variantConnectionTypes(tag: string): string[] | undefined {
  const types = TRIGGER_AUTH_CONNECTION_TYPES as Record<string, string>;
  return types[tag] ? [types[tag]] : undefined;
}

/**
 * A discriminated union (e.g. trigger authentication): choose the kind, then fill in that
 * kind's own fields. Switching kinds keeps nothing from the old one, as the schema demands.
 */
export function UnionField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { idPrefix, readOnly } = useFormContext();
  const union = unionVariants(field.schema);
  if (!union) return null;
  const value =
    field.value && typeof field.value === 'object'
      ? (field.value as Record<string, unknown>)
      : undefined;
  const current = value ?? (field.schema.default as Record<string, unknown> | undefined) ?? {};
  const tag = String(current[union.key] ?? '');
  const variant = union.variants.find((v) => v.tag === tag);
  const rest = Object.entries(variant?.schema.properties ?? {}).filter(([k]) => k !== union.key);
  return (
    <FieldShell field={field} actions={actions} exactIssues as="fieldset">
      <label className="sr-only" htmlFor={controlId(idPrefix, [...field.path, union.key])}>
        Kind
      </label>
      <select
        id={controlId(idPrefix, [...field.path, union.key])}
        value={tag}
        disabled={readOnly}
        aria-describedby={describedBy(idPrefix, field)}
        onChange={(e) => field.onChange({ [union.key]: e.target.value })}
      >
        {!variant && <option value="">Choose…</option>}
        {union.variants.map((v) => (
          <option key={v.tag} value={v.tag}>
            {v.tag}
          </option>
        ))}
      </select>
      {rest.map(([name, schema]) => (
        <SchemaField
          key={`${tag}-${name}`}
          name={name}
          path={[...field.path, name]}
          schema={schema as FieldSchema}
          value={current[name]}
          required={variant?.schema.required?.includes(name) ?? false}
          connectionTypes={variantConnectionTypes(tag)}
          onChange={(next) => {
            const copy = { ...current };
            if (next === undefined) delete copy[name];
            else copy[name] = next;
            field.onChange(copy);
          }}
        />
      ))}
    </FieldShell>
  );
}
