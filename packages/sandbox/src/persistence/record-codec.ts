/**
 * Simulator records hold `Map`s (metafields by key, tables by id); JSON has none. Records are
 * written with maps as `{ "$map": [[key, value], …] }` and read back into maps.
 * @module
 */

const MAP = '$map';

/** A record as JSON text. */
export function encodeRecord(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Map ? { [MAP]: [...(v as Map<unknown, unknown>).entries()] } : v,
  );
}

/** A record read back from JSON text, with its maps. */
export function decodeRecord<T>(json: string): T {
  return JSON.parse(json, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = (v as Record<string, unknown>)[MAP];
    if (Array.isArray(entries) && Object.keys(v).length === 1) {
      return new Map(entries as [unknown, unknown][]);
    }
    return v;
  }) as T;
}
