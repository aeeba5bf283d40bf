import { describe, expect, it } from 'vitest';
import { pdfText } from '../../test/pdf-text';
import { renderPdfReport, type PdfTable } from './report-pdf-layout';

const columns: PdfTable['columns'] = [
  { label: 'Reference', weight: 2 },
  { label: 'Amount', weight: 1, align: 'right' },
];

describe('renderPdfReport', () => {
  it('prints the title, lines, table headers, cells and totals as text a viewer can read', async () => {
    const bytes = await renderPdfReport({
      title: 'Settlement reconciliation',
      lines: ['Day 2026-03-02'],
      tables: [
        {
          heading: 'Batches',
          columns,
          rows: [
            ['B-1', '1,234.56 USD'],
            ['B-2', '0.01 USD'],
          ],
          total: ['Total', '1,234.57 USD'],
        },
        { heading: 'Unmatched items', columns, rows: [], empty: 'Nothing unmatched.' },
      ],
      createdAt: new Date('2026-03-03T08:00:00Z'),
    });
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const [page] = await pdfText(bytes);
    for (const s of [
      'Settlement reconciliation',
      'Day 2026-03-02',
      'Reference',
      'B-1',
      '1,234.56 USD',
      'Total',
      '1,234.57 USD',
      'Nothing unmatched.',
      'page 1 of 1',
    ]) {
      expect(page).toContain(s);
    }
  });

  it('breaks a long table across pages, repeating its header, and survives text the fonts lack', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`T-${i + 1} 日本`, `${i}.00 USD`]);
    const bytes = await renderPdfReport({
      title: 'Long',
      lines: [],
      tables: [{ heading: 'Items', columns, rows }],
      createdAt: new Date('2026-03-03T08:00:00Z'),
    });
    const pages = await pdfText(bytes);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain('Reference');
    expect(pages.join(' ')).toContain('T-120 ??');
    expect(pages.at(-1)).toContain(`page ${pages.length} of ${pages.length}`);
  });
});
