import type { TemplateParameter } from './templates-api';

/** What the install form holds per parameter: text for text-like types, a flag for booleans. */
export type ParameterDraft = string | boolean;

/** The form's starting value of a parameter: its default, lists one item per line. */
export function draftOf(parameter: TemplateParameter): ParameterDraft {
  const value = parameter.default;
  if (parameter.type === 'boolean') return value === true;
  if (Array.isArray(value)) return value.join('\n');
  return String(value);
}

/** The value to send for a draft, or a message saying what is wrong with it. */
export function parseParameter(
  parameter: TemplateParameter,
  draft: ParameterDraft,
): { ok: true; value: string | number | boolean | string[] } | { ok: false; message: string } {
  if (parameter.type === 'boolean') return { ok: true, value: draft === true };
  const text = typeof draft === 'string' ? draft : '';
  if (parameter.type === 'integer') {
    const trimmed = text.trim();
    if (!/^-?\d+$/.test(trimmed)) return { ok: false, message: 'Enter a whole number' };
    const value = Number(trimmed);
    if (!Number.isSafeInteger(value)) return { ok: false, message: 'The number is too large' };
    return { ok: true, value };
  }
  if (parameter.type === 'string-list') {
    const items = text
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (parameter.required && items.length === 0)
      return { ok: false, message: 'Enter at least one value' };
    return { ok: true, value: items };
  }
  if (parameter.required && text.trim() === '') return { ok: false, message: 'Required' };
  if (parameter.options && !parameter.options.includes(text.trim()))
    return { ok: false, message: `Choose one of: ${parameter.options.join(', ')}` };
  return { ok: true, value: text.trim() };
}

/**
 * Every parameter's value, or the messages by parameter name: nothing is sent while one field
 * is wrong, and each message is shown next to its field.
 */
export function parseParameters(
  parameters: readonly TemplateParameter[],
  drafts: Record<string, ParameterDraft>,
):
  | { ok: true; values: Record<string, string | number | boolean | string[]> }
  | { ok: false; errors: Record<string, string> } {
  const values: Record<string, string | number | boolean | string[]> = {};
  const errors: Record<string, string> = {};
  for (const p of parameters) {
    const parsed = parseParameter(p, drafts[p.name] ?? draftOf(p));
    if (parsed.ok) values[p.name] = parsed.value;
    else errors[p.name] = parsed.message;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}
