import type { FieldSchema } from '../schema/json-schema';

/** What every field control receives. `undefined` means "not set" (the default applies). */
export interface FieldProps {
  name: string;
  path: (string | number)[];
  schema: FieldSchema;
  value: unknown;
  required: boolean;
  onChange: (value: unknown) => void;
}
