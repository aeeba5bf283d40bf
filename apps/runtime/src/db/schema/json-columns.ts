import { customType } from 'drizzle-orm/pg-core';

/**
 * JSON columns read through drizzle exactly once. postgres.js already parses `json` and `jsonb`
 * values; drizzle's own `json()`/`jsonb()` then parse any value that is still a string a second
 * time, so a step output `"12345"` came back as the number 12345, `"true"` as true and
 * `"820982911946154508"` as a rounded float. These columns hand over what the driver parsed.
 */
function parsedOnce(dataType: 'json' | 'jsonb') {
  return <T = unknown>(name: string) =>
    customType<{ data: T; driverData: unknown }>({
      dataType: () => dataType,
      toDriver: (value) => JSON.stringify(value),
      fromDriver: (value) => value as T,
    })(name);
}

/** A `jsonb` column (keys reordered by Postgres, fine for data the runtime wrote itself). */
export const jsonbValue = parsedOnce('jsonb');

/** A `json` column: Postgres keeps the text as written, so object keys keep their order. */
export const jsonValue = parsedOnce('json');
