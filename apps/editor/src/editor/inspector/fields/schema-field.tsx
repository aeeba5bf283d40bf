import { useEffect, useRef } from 'react';
import { useFormContext } from '../form-context';
import { fieldKind, type FieldSchema } from '../schema/json-schema';
import { ChoiceField } from './choice-field';
import { ConnectionField } from './connection-field';
import { CronField } from './cron-field';
import { EnumListField } from './enum-list-field';
import { ExpressionField, isExpressionValue } from './expression-field';
import type { FieldProps } from './field-props';
import { JsonField } from './json-field';
import { KeyValueField } from './key-value-field';
import { NumberField } from './number-field';
import { ObjectField } from './object-field';
import { ObjectListField } from './object-list-field';
import { StringListField } from './string-list-field';
import { TextField } from './text-field';
import { toExpression, typedExpression } from './to-expression';
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
  const kind = fieldKind(props.schema, props.name);
  const canExpress = kind !== 'jsonata' && kind !== 'connection' && allowExpressions(props.path);
  const expression = canExpress && isExpressionValue(props.value);
  // What was last typed into the control, kept for "fx"; and whether typing just made the field
  // an expression, so the expression editor takes the focus and the typing goes on there.
  const typed = useRef<string | null>(null);
  const focusExpression = useRef(false);
  useEffect(() => {
    if (expression) focusExpression.current = false;
  }, [expression]);
  const field: FieldProps = canExpress
    ? {
        ...props,
        onChange: (value) => {
          if (!expression && isExpressionValue(value)) focusExpression.current = true;
          props.onChange(value);
        },
        onText: (text) => {
          typed.current = text;
          const typedValue = typedExpression(text);
          if (typedValue === null) return false;
          focusExpression.current = true;
          props.onChange(typedValue);
          return true;
        },
      }
    : props;
  const fx = canExpress ? (
    <button
      type="button"
      className={`small fx${expression ? ' on' : ''}`}
      aria-pressed={expression}
      disabled={readOnly}
      title={expression ? 'Use a fixed value' : 'Compute this value with a JSONata expression'}
      aria-label={`${expression ? 'Fixed value for' : 'Expression for'} ${props.name}`}
      onClick={() => {
        const next = expression ? undefined : toExpression(props.value, typed.current);
        typed.current = null;
        props.onChange(next);
      }}
    >
      fx
    </button>
  ) : null;

  if (expression)
    return (
      <ExpressionField field={field} prefixed actions={fx} autoFocus={focusExpression.current} />
    );
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
    case 'enum-list':
      return <EnumListField field={field} actions={fx} />;
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
