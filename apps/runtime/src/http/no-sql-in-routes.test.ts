import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HTTP_DIR = fileURLToPath(new URL('.', import.meta.url));
const SRC_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Route files still holding SQL, each with the change that empties it. An entry without SQL
 * fails the test, so the list only shrinks.
 */
const PENDING: Record<string, string> = {};

/** SQL or query-builder use: a tagged `sql` template, raw SQL, or a drizzle builder call. */
const SQL_PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: 'postgres.js tagged template', pattern: /\bsql\s*(<[^>]*>)?\s*`/ },
  { name: 'postgres.js typed query', pattern: /\bsql\s*<\s*$/ },
  { name: 'raw SQL string', pattern: /\bsql\.(unsafe|begin|file)\s*\(/ },
  { name: 'drizzle builder', pattern: /\bdb\s*\.\s*(select|insert|update|delete|execute|query)\b/ },
  { name: 'drizzle import', pattern: /from ['"]drizzle-orm/ },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Route modules outside `http/`: every `*-routes.ts` / `*-route.ts` under `src`. */
function outsideRouteFiles(): string[] {
  return sourceFiles(SRC_DIR).filter(
    (file) => /-routes?\.ts$/.test(file) && !file.startsWith(HTTP_DIR),
  );
}

/** Every place in `files` where source code holds SQL, as `file:line (kind)`, relative to `src`. */
function sqlUses(files: string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        SQL_PATTERNS.filter(({ pattern }) => pattern.test(line)).map(
          ({ name }) => `${relative(SRC_DIR, file)}:${i + 1} (${name})`,
        ),
      ),
  );
}

describe('SQL has one home', () => {
  it('keeps SQL out of the HTTP layer: routes call db/queries or a store', () => {
    const files = [...sourceFiles(HTTP_DIR), ...outsideRouteFiles()];
    expect(files.length).toBeGreaterThan(20);
    const uses = sqlUses(files);
    const pending = (use: string) => Object.keys(PENDING).some((f) => use.startsWith(`${f}:`));
    expect(uses.filter((use) => !pending(use))).toEqual([]);
    for (const file of Object.keys(PENDING)) {
      expect(
        uses.some((use) => use.startsWith(`${file}:`)),
        `${file} holds no SQL any more: remove it from PENDING`,
      ).toBe(true);
    }
  });

  it('recognises SQL written in a handler', () => {
    const handler = 'const rows = await deps.sql<{ id: string }[]>`select id from runs`;';
    expect(SQL_PATTERNS.some(({ pattern }) => pattern.test(handler))).toBe(true);
    expect(
      SQL_PATTERNS.some(({ pattern }) => pattern.test('await deps.db.select().from(flows)')),
    ).toBe(true);
    expect(SQL_PATTERNS.some(({ pattern }) => pattern.test('await q.listFlows(deps.db)'))).toBe(
      false,
    );
  });
});
