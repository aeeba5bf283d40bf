import { z } from 'zod';
import { checkExpression } from '@paybridge/engine';

/**
 * A JSONata source string, syntax-checked when the flow is saved rather than when the first event
 * hits it. The issue message carries JSONata's position (`... at position 7 ...`) and the issue's
 * `params.position` holds the offset, so the editor can put a marker under the mistake.
 */
export function jsonataSource() {
  return z
    .string()
    .min(1, 'an expression is required')
    .superRefine((source, issues) => {
      const result = checkExpression(source);
      if (result.ok) return;
      issues.addIssue({
        code: 'custom',
        message:
          result.position === undefined || result.message.includes(`position ${result.position}`)
            ? result.message
            : `${result.message} (at position ${result.position})`,
        params: { position: result.position },
      });
    });
}
