import type { ReactNode } from 'react';
import { useFormContext } from '../form-context';
import type { FieldSchema } from '../schema/json-schema';
import { FieldShell } from './field-shell';
import type { FieldProps } from './field-props';
import { SchemaField } from './schema-field';

/**
 * An ordered list of objects (a branch's rules): each item is a small form, with buttons to
 * add, remove and move items, since order is meaning (the first matching rule wins).
 */
export function ObjectListField({ field, actions }: { field: FieldProps; actions?: ReactNode }) {
  const { readOnly } = useFormContext();
  const items = Array.isArray(field.value) ? (field.value as Record<string, unknown>[]) : [];
  const itemSchema = field.schema.items ?? {};
  const write = (next: Record<string, unknown>[]) => field.onChange(next.length ? next : undefined);
  const move = (from: number, to: number) => {
    const copy = [...items];
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item as Record<string, unknown>);
    write(copy);
  };
  return (
    <FieldShell field={field} actions={actions} exactIssues as="fieldset">
      <ol className="object-list">
        {items.map((item, i) => (
          <li key={i} className="object-list-item">
            <div className="object-list-tools">
              <span>#{i + 1}</span>
              {!readOnly && (
                <>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Move item ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Move item ${i + 1} down`}
                    disabled={i === items.length - 1}
                    onClick={() => move(i, i + 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove item ${i + 1}`}
                    onClick={() => write(items.filter((_, n) => n !== i))}
                  >
                    Remove
                  </button>
                </>
              )}
            </div>
            {Object.entries(itemSchema.properties ?? {}).map(([name, schema]) => (
              <SchemaField
                key={name}
                name={name}
                path={[...field.path, i, name]}
                schema={schema as FieldSchema}
                value={item?.[name]}
                required={itemSchema.required?.includes(name) ?? false}
                onChange={(next) =>
                  write(
                    items.map((it, n) => {
                      if (n !== i) return it;
                      const copy = { ...it };
                      if (next === undefined) delete copy[name];
                      else copy[name] = next;
                      return copy;
                    }),
                  )
                }
              />
            ))}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" className="small" onClick={() => write([...items, {}])}>
          + Add {itemSchema.title?.toLowerCase() ?? 'item'}
        </button>
      )}
    </FieldShell>
  );
}
