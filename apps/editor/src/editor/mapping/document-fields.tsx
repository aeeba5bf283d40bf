import type { FieldSchema } from '../inspector/schema/json-schema';
import { schemaType } from './target-fields';

/**
 * The fields of the document an ERP node posts, beside a mapping written as a JSONata block (the
 * node's default): what each must hold, which are required, so the text can be read and changed
 * with the target in view. "Map field by field" starts a plain object instead, whose fields are
 * then filled by dragging like a map's.
 */
export function DocumentFields({
  schema,
  onStartObject,
}: {
  schema: FieldSchema;
  onStartObject: () => void;
}) {
  const required = new Set(schema.required ?? []);
  return (
    <div className="document-fields" aria-label="Document fields" data-testid="document-fields">
      <ul>
        {Object.entries(schema.properties ?? {}).map(([key, field]) => (
          <li key={key} data-testid={`document-field-${key}`} title={field.description}>
            <code>{key}</code>
            {required.has(key) && <span aria-label="required"> *</span>}
            <span className="tree-type">{schemaType(field) ?? 'any'}</span>
            {field.description && <span className="hint"> {field.description}</span>}
          </li>
        ))}
      </ul>
      <p className="hint">
        The mapping below is a JSONata block: edit it as text (drag fields into it), or{' '}
        <button type="button" className="small" onClick={onStartObject}>
          Map field by field
        </button>{' '}
        to start from an empty document.
      </p>
    </div>
  );
}
