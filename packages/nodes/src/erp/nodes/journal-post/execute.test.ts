import { describe, expect, it } from 'vitest';
import { setup, thrown } from '../../test/node-harness';
import { erpJournalPostNode } from './definition';

describe('erp.journal-post', () => {
  it('fail permanently on an unbalanced journal or a float amount, naming the line', async () => {
    const { run } = setup();
    const unbalanced = await thrown(
      run(
        erpJournalPostNode,
        {},
        { batchNumber: 7, currency: 'USD', date: '2025-09-02', gross: 10000, fees: 300 },
      ).then(() =>
        run(
          erpJournalPostNode,
          {
            mapping:
              '{"externalRef":"j-1","currency":"USD","date":"2025-09-02","lines":[{"account":"cash","debit":100},{"account":"card-clearing","credit":99}]}',
          },
          {},
        ),
      ),
    );
    expect(unbalanced).toMatchObject({ errorClass: 'permanent', code: 'UNBALANCED_JOURNAL' });
    const float = await thrown(
      run(
        erpJournalPostNode,
        {
          mapping:
            '{"externalRef":"j-2","currency":"USD","date":"2025-09-02","lines":[{"account":"cash","debit":1.5},{"account":"card-clearing","credit":1.5}]}',
        },
        {},
      ),
    );
    expect(float.message).toMatch(/^line 1: debit: 1.5 is not an integer amount/);
    const both = await thrown(
      run(
        erpJournalPostNode,
        {
          mapping:
            '{"externalRef":"j-3","currency":"USD","date":"2025-09-02","lines":[{"account":"cash","debit":1},{"account":"card-clearing","credit":1,"debit":1}]}',
        },
        {},
      ),
    );
    expect(both.message).toBe('line 2: has both a debit and a credit; use two lines');
  });

  it('post a settlement journal with the default mapping', async () => {
    const { run } = setup();
    const posted = await run(
      erpJournalPostNode,
      {},
      { batchNumber: 42, currency: 'USD', date: '2025-09-02', gross: 10000, fees: 0 },
    );
    expect(posted.output.document).toMatchObject({ externalRef: 'settlement-42', total: 10000 });
    expect(posted.output.document.lines).toHaveLength(2);
  });
});
