import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

/** JSONata's built-in functions with their signatures, as documented by JSONata. */
const FUNCTIONS: [string, string][] = [
  ['string', '$string(arg, prettify?)'],
  ['length', '$length(str)'],
  ['substring', '$substring(str, start, length?)'],
  ['substringBefore', '$substringBefore(str, chars)'],
  ['substringAfter', '$substringAfter(str, chars)'],
  ['uppercase', '$uppercase(str)'],
  ['lowercase', '$lowercase(str)'],
  ['trim', '$trim(str)'],
  ['pad', '$pad(str, width, char?)'],
  ['contains', '$contains(str, pattern)'],
  ['split', '$split(str, separator, limit?)'],
  ['join', '$join(array, separator?)'],
  ['match', '$match(str, pattern, limit?)'],
  ['replace', '$replace(str, pattern, replacement, limit?)'],
  ['base64encode', '$base64encode(str)'],
  ['base64decode', '$base64decode(str)'],
  ['number', '$number(arg)'],
  ['abs', '$abs(number)'],
  ['floor', '$floor(number)'],
  ['ceil', '$ceil(number)'],
  ['round', '$round(number, precision?)'],
  ['power', '$power(base, exponent)'],
  ['sqrt', '$sqrt(number)'],
  ['random', '$random()'],
  ['formatNumber', '$formatNumber(number, picture)'],
  ['formatInteger', '$formatInteger(number, picture)'],
  ['parseInteger', '$parseInteger(string, picture)'],
  ['sum', '$sum(array)'],
  ['max', '$max(array)'],
  ['min', '$min(array)'],
  ['average', '$average(array)'],
  ['count', '$count(array)'],
  ['append', '$append(array1, array2)'],
  ['sort', '$sort(array, function?)'],
  ['reverse', '$reverse(array)'],
  ['shuffle', '$shuffle(array)'],
  ['distinct', '$distinct(array)'],
  ['zip', '$zip(array1, ...)'],
  ['keys', '$keys(object)'],
  ['lookup', '$lookup(object, key)'],
  ['spread', '$spread(object)'],
  ['merge', '$merge(array<object>)'],
  ['sift', '$sift(object, function)'],
  ['each', '$each(object, function)'],
  ['error', '$error(message)'],
  ['assert', '$assert(condition, message)'],
  ['type', '$type(value)'],
  ['boolean', '$boolean(arg)'],
  ['not', '$not(arg)'],
  ['exists', '$exists(arg)'],
  ['map', '$map(array, function)'],
  ['filter', '$filter(array, function)'],
  ['single', '$single(array, function)'],
  ['reduce', '$reduce(array, function, init?)'],
  ['now', '$now(picture?, timezone?)'],
  ['millis', '$millis()'],
  ['fromMillis', '$fromMillis(number, picture?, timezone?)'],
  ['toMillis', '$toMillis(timestamp, picture?)'],
  ['encodeUrlComponent', '$encodeUrlComponent(str)'],
  ['encodeUrl', '$encodeUrl(str)'],
  ['decodeUrlComponent', '$decodeUrlComponent(str)'],
  ['decodeUrl', '$decodeUrl(str)'],
  ['eval', '$eval(expr, context?)'],
];

/** What the engine binds for every expression. */
const BINDINGS: Completion[] = [
  { label: '$trigger', type: 'variable', detail: 'the event that started the run' },
  {
    label: '$node',
    type: 'function',
    detail: '$node("id"): another node\'s output',
    apply: '$node("")',
  },
  { label: '$env', type: 'variable', detail: 'FLOW_ENV_* settings' },
  { label: '$input', type: 'variable', detail: "this node's input" },
];

const FUNCTION_COMPLETIONS: Completion[] = FUNCTIONS.map(([name, signature]) => ({
  label: `$${name}`,
  type: 'function',
  detail: signature,
  apply: `$${name}(`,
}));

/**
 * Completion source: `$` offers JSONata's functions and the engine's bindings; a word offers the
 * field names found in the sample data (quoted in backticks where JSONata needs it).
 */
export function jsonataCompletions(fields: () => readonly string[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const variable = context.matchBefore(/\$[A-Za-z0-9_]*/);
    if (variable) {
      return {
        from: variable.from,
        options: [...BINDINGS, ...FUNCTION_COMPLETIONS],
        validFor: /^\$[A-Za-z0-9_]*$/,
      };
    }
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
    if (!word && !context.explicit) return null;
    const options: Completion[] = fields().map((name) => ({
      label: name,
      type: 'property',
      apply: /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``,
    }));
    return { from: word?.from ?? context.pos, options, validFor: /^[A-Za-z0-9_]*$/ };
  };
}
