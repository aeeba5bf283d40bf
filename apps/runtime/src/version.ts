import { readFileSync } from 'node:fs';

/**
 * The runtime's release, read once from its package.json (the same file from `src/` under tsx
 * and from the built `dist/`), so the About page and bug reports name the code that is running.
 */
export const RUNTIME_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
})();
