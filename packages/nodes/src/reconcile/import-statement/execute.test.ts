import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaytraceSimulator } from '@paybridge/sandbox';
import { createTestContext, expectOutput } from '../../test-context';
import type { BankLine } from '../statement/bank-line';
import { importStatementNode } from './definition';
import { createImportStatementExecutor } from './execute';
import type { BankStatementStore } from './statement-store';

/** A store that keeps lines per account by what they say, as the runtime's does by hash. */
function memoryStore(): BankStatementStore & { lines: BankLine[] } {
  const seen = new Set<string>();
  const lines: BankLine[] = [];
  return {
    lines,
    async importStatement(input) {
      let imported = 0;
      for (const line of input.lines) {
        const key = `${input.account}|${JSON.stringify(line)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(line);
        imported += 1;
      }
      return {
        statementId: imported > 0 ? `st-${seen.size}` : null,
        imported,
        duplicates: input.lines.length - imported,
      };
    },
  };
}

let sim: Awaited<ReturnType<typeof startPaytraceSimulator>>;
let deposits: { bookedOn: string; amount: number | null }[];

beforeAll(async () => {
  sim = await startPaytraceSimulator({ clock: () => Date.UTC(2026, 2, 20) });
  const answer = await fetch(`${sim.url}/__admin/generate-day`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      date: '2026-03-10',
      orders: 200,
      refundRate: 0.05,
      batches: 4,
      seed: 2,
      discrepancies: { shortDeposit: 1, missingDeposit: 1 },
    }),
  });
  deposits = ((await answer.json()) as { deposits: typeof deposits }).deposits;
});
afterAll(() => sim.close());

const statement = (format: string) =>
  fetch(`${sim.url}/__admin/bank-statement?from=2026-03-01&to=2026-03-31&format=${format}`).then(
    (r) => r.text(),
  );

describe('reconcile.import-statement', () => {
  it("reads the simulator's bank statement in every format into the deposits it made", async () => {
    const expected = deposits
      .filter((d) => d.amount !== null)
      .map((d) => [d.bookedOn, d.amount])
      .sort();
    for (const format of ['csv', 'ofx', 'camt053'] as const) {
      const store = memoryStore();
      const executor = createImportStatementExecutor(store);
      const text = await statement(format);
      const result = await executor.execute(
        createTestContext(importStatementNode, { format, text }),
      );
      const { output } = expectOutput(importStatementNode, result);
      expect(output).toMatchObject({
        imported: expected.length,
        duplicates: 0,
        from: '2026-03-10',
      });
      expect(store.lines.map((l) => [l.bookedOn, l.amount]).sort()).toEqual(expected);
      const again = await executor.execute(
        createTestContext(importStatementNode, { format, text }),
      );
      expect(expectOutput(importStatementNode, again).output).toMatchObject({
        statementId: null,
        imported: 0,
      });
    }
  });

  it('fails with each unreadable line and stores nothing', async () => {
    const store = memoryStore();
    const executor = createImportStatementExecutor(store);
    const ctx = createTestContext(importStatementNode, {
      format: 'csv',
      text: 'Date,Amount\n2026-03-10,1.00\n2026-03-99,2.00\n',
    });
    await expect(executor.execute(ctx)).rejects.toMatchObject({
      code: 'STATEMENT_INVALID',
      message: expect.stringContaining('line 3: date "2026-03-99" is not a date'),
    });
    expect(store.lines).toEqual([]);
  });
});
