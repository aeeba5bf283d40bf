/**
 * The expression a field becomes when "fx" is switched on, keeping what the user wrote: the text
 * typed into the control (even when it did not parse as the field's value: `$trigger.body.id` in
 * a JSON box), else the value itself (a string starting with `$` is a reference meant as one),
 * else the value as a JSONata literal, so the field computes what it held.
 */
export function toExpression(value: unknown, typed: string | null): string {
  const text = typed?.trim() ?? '';
  if (text !== '') return text.startsWith('=') ? text : `=${text}`;
  if (value === undefined) return '=';
  if (typeof value === 'string')
    return value.startsWith('$') ? `=${value}` : `=${JSON.stringify(value)}`;
  return `=${JSON.stringify(value)}`;
}

/**
 * Text typed into a field that starts with `=` (after blanks) is an expression, as the help
 * text promises: the returned value to store, else null.
 */
export function typedExpression(text: string): string | null {
  const trimmed = text.trimStart();
  return trimmed.startsWith('=') ? trimmed : null;
}
