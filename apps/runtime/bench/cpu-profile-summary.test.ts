import { describe, expect, it } from 'vitest';
import { packageOf, summarise, summaryLines } from '../../../scripts/cpu-profile-summary.mjs';

const frame = (id: number, functionName: string, url: string) => ({
  id,
  callFrame: { functionName, url, lineNumber: 0, columnNumber: 0 },
});

describe('CPU profile summary', () => {
  it('names the package of a file: npm package, workspace package, Node built-in', () => {
    expect(packageOf('/repo/node_modules/postgres/src/connection.js')).toBe('postgres');
    expect(packageOf('/x/node_modules/@hono/node-server/dist/index.mjs')).toBe('@hono/node-server');
    expect(packageOf('node:internal/streams/writable')).toBe('node: (built-in modules)');
  });

  it('sums self time by package over a time window, idle threads left out of busy time', () => {
    const profile = {
      nodes: [
        frame(1, '(root)', ''),
        frame(2, 'query', 'file:///repo/node_modules/postgres/src/query.js'),
        frame(3, 'atomicsWaitLoop', 'file:///repo/node_modules/piscina/dist/worker.js'),
        frame(4, 'evaluate', 'file:///repo/node_modules/jsonata/jsonata.js'),
      ],
      startTime: 1000,
      endTime: 2000,
      // Sample i lasts timeDeltas[i + 1] µs; the first sample (at 1100) is before the window.
      samples: [4, 2, 2, 3, 4],
      timeDeltas: [100, 100, 100, 100, 100, 100],
    };
    const s = summarise([profile], { fromUs: 1150 });
    expect(Object.fromEntries(s.packages)).toEqual({ postgres: 0.2, '(idle)': 0.1, jsonata: 0.1 });
    expect(summaryLines(s, { functions: 0 })[1]).toMatch(/66\.7%\s+postgres/);
  });
});
