import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { triggerDeclarations, triggerTypesOn } from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Every non-test source file of the runtime. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** A trigger kind's node symbol, e.g. `restTriggerNode`, named by its folder's definition. */
const SYMBOL = /\b[a-z]+TriggerNode\b/;

describe('the runtime handles triggers through their declarations', () => {
  it('names no trigger type and imports no trigger node outside the trigger registry', () => {
    const types = triggerDeclarations.map((d) => d.node.type);
    expect(types.length).toBeGreaterThan(0);
    const offending: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const type of types) {
        if (new RegExp(`['"\`]${type.replace('.', '\\.')}['"\`]`).test(text)) {
          offending.push(`${relative(SRC, file)}: '${type}'`);
        }
      }
      const symbol = SYMBOL.exec(text);
      if (symbol) offending.push(`${relative(SRC, file)}: ${symbol[0]}`);
    }
    expect(offending).toEqual([]);
  });

  it('imports nothing of an http kind: its settings, access and event come from its declaration', () => {
    // `trigger.rest` -> RestTrigger…/restTrigger…: a kind's own exports, not the channel's.
    const prefixes = triggerTypesOn('http').map((type) => {
      const name = type.split('.').pop()!;
      return name.charAt(0).toUpperCase() + name.slice(1);
    });
    expect(prefixes.length).toBeGreaterThan(0);
    const offending: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const p of prefixes) {
        const symbol = new RegExp(`\\b(${p}|${p.toLowerCase()})Trigger\\w*`).exec(text);
        if (symbol) offending.push(`${relative(SRC, file)}: ${symbol[0]}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
