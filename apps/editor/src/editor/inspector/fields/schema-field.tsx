import { useFormContext } from '../form-context';
import { fieldKind, type FieldSchema } from '../schema/json-schema';
import { ChoiceField } from './choice-field';
import { ConnectionField } from './connection-field';
import { CronField } from './cron-field';
import { ExpressionField, isExpressionValue } from './expression-field';
import type { FieldProps } from './field-props';
import { JsonField } from './json-field';
import { KeyValueField } from './key-value-field';
import { NumberField } from './number-field';
import { ObjectField } from './object-field';
import { ObjectListField } from './object-list-field';
import { StringListField } from './string-list-field';
import { TextField } from './text-field';
import { UnionField } from './union-field';

/**
 * One config field, drawn by the control its schema calls for. Fields that may hold a
 * `=` expression get an "fx" switch; switched on, the field becomes a JSONata editor.
 */
export function SchemaField(props: {
  name: string;
  path: (string | number)[];
  schema: FieldSchema;
  value: unknown;
  required: boolean;
  onChange: (value: unknown) => void;
  /** Connection types a connection field accepts (from the node type or the union variant). */
  connectionTypes?: readonly string[];
}) {
  const { allowExpressions, readOnly } = useFormContext();
  const field: FieldProps = props;
  const kind = fieldKind(props.schema, props.name);
  const canExpress = kind !== 'jsonata' && kind !== 'connection' && allowExpressions(props.path);
  const expression = canExpress && isExpressionValue(props.value);
  const fx = canExpress ? (
    <button
      type="button"
      className={`small fx${expression ? ' on' : ''}`}
      aria-pressed={expression}
      disabled={readOnly}
      title={expression ? 'Use a fixed value' : 'Compute this value with a JSONata expression'}
      aria-label={`${expression ? 'Fixed value for' : 'Expression for'} ${props.name}`}
      onClick={() => {
        if (expression) props.onChange(undefined);
        else props.onChange(props.value === undefined ? '=' : `=${JSON.stringify(props.value)}`);
      }}
    >
      fx
    </button>
  ) : null;

  if (expression) return <ExpressionField field={field} prefixed actions={fx} />;
  switch (kind) {
    case 'jsonata':
      return <ExpressionField field={field} prefixed={false} />;
    case 'text':
    case 'textarea':
    case 'date-time':
    case 'timezone':
      return <TextField field={field} variant={kind} actions={fx} />;
    case 'number':
    case 'duration':
      return <NumberField field={field} duration={kind === 'duration'} actions={fx} />;
    case 'select':
    case 'switch':
      return <ChoiceField field={field} kind={kind} actions={fx} />;
    case 'cron':
      return <CronField field={field} actions={fx} />;
    case 'connection':
      return <ConnectionField field={field} types={props.connectionTypes} />;
    case 'key-value':
      return <KeyValueField field={field} actions={fx} />;
    case 'string-list':
      return <StringListField field={field} actions={fx} />;
    case 'union':
      return <UnionField field={field} actions={fx} />;
    case 'object':
      return <ObjectField field={field} actions={fx} />;
    case 'object-list':
      return <ObjectListField field={field} actions={fx} />;
    case 'json':
      return <JsonField field={field} actions={fx} />;
  }
}
