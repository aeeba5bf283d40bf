import type { FieldSchema } from '../schema/json-schema';

/** What every field control receives. `undefined` means "not set" (the default applies). */
export interface FieldProps {
  name: string;
  path: (string | number)[];
  schema: FieldSchema;
  value: unknown;
  required: boolean;
  onChange: (value: unknown) => void;
  /**
   * Text typed into a control whose value it does not (yet) make (JSON, a number): remembered for
   * "fx", and a leading `=` makes the field an expression at once. True when it was taken so.
   */
  onText?: (text: string) => boolean;
}
