/**
 * A printable report as pdf-lib draws it: a title, a few lines under it, and tables that break
 * across pages with their header repeated, page numbers at the foot. The reconciliation report
 * says what goes in; this file only knows how a table sits on an A4 landscape page.
 *
 * Text is drawn with the PDF standard fonts (no font file to ship), which cover WinAnsi only:
 * anything outside it (a note typed in another script, an emoji) prints as `?` instead of
 * failing the whole export.
 *
 * @module
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** One column of a {@link PdfTable}: a relative width and where its text sits. */
export interface PdfColumn {
  label: string;
  /** Share of the table's width, relative to the other columns' weights. */
  weight: number;
  align?: 'left' | 'right';
}

/** A table: its heading, columns, rows of cell text, optional total row, and what to say if empty. */
export interface PdfTable {
  heading: string;
  columns: PdfColumn[];
  rows: string[][];
  /** A last row in bold (totals). */
  total?: string[];
  /** Printed under the heading when there are no rows. */
  empty?: string;
}

/** Everything one report holds, in reading order. */
export interface PdfReport {
  title: string;
  /** Lines under the title: the day, the status, when it was produced. */
  lines: string[];
  tables: PdfTable[];
  /** The document's creation date (fixed by the caller, so the same report gives the same file). */
  createdAt: Date;
}

const PAGE = { width: 842, height: 595 }; // A4 landscape, in points
const MARGIN = 36;
const ROW = 13;
const SIZE = { title: 16, line: 10, heading: 12, cell: 8.5 };
const MUTED = rgb(0.36, 0.4, 0.46);
const RULE = rgb(0.8, 0.82, 0.86);

/** Replaces what the standard fonts cannot encode with `?`, so user text never fails a render. */
function printable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    out += supported.has(ch.codePointAt(0)!) ? ch : '?';
  }
  return out;
}

/** Shortens `text` with an ellipsis until it fits `width` points. */
function fit(font: PDFFont, size: number, text: string, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 0 && font.widthOfTextAtSize(`${cut}...`, size) > width) {
    cut = cut.slice(0, -1);
  }
  return `${cut}...`;
}

/** Draws the report and answers the PDF's bytes. */
export async function renderPdfReport(report: PdfReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(report.title, { showInWindowTitleBar: true });
  doc.setCreator('Paybridge');
  doc.setProducer('Paybridge (pdf-lib)');
  doc.setCreationDate(report.createdAt);
  doc.setModificationDate(report.createdAt);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const usable = PAGE.width - 2 * MARGIN;

  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN;

  const text = (
    value: string,
    x: number,
    size: number,
    font: PDFFont = regular,
    color = rgb(0, 0, 0),
  ) => page.drawText(printable(font, value), { x, y, size, font, color });
  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
  };
  /** Starts a new page unless `needed` points are left above the footer. */
  const room = (needed: number) => {
    if (y - needed < MARGIN + ROW) {
      newPage();
      return false;
    }
    return true;
  };

  y -= SIZE.title;
  text(report.title, MARGIN, SIZE.title, bold);
  y -= 6;
  for (const line of report.lines) {
    y -= SIZE.line + 4;
    text(line, MARGIN, SIZE.line, regular, MUTED);
  }

  for (const table of report.tables) {
    const totalWeight = table.columns.reduce((s, c) => s + c.weight, 0);
    const widths = table.columns.map((c) => (c.weight / totalWeight) * usable);
    const drawRow = (cells: string[], font: PDFFont) => {
      let x = MARGIN;
      table.columns.forEach((column, i) => {
        const cellWidth = widths[i]! - 6;
        const value = fit(font, SIZE.cell, printable(font, cells[i] ?? ''), cellWidth);
        const w = font.widthOfTextAtSize(value, SIZE.cell);
        const at = column.align === 'right' ? x + cellWidth - w : x;
        page.drawText(value, { x: at, y, size: SIZE.cell, font });
        x += widths[i]!;
      });
    };
    const drawHeader = () => {
      y -= ROW;
      drawRow(
        table.columns.map((c) => c.label),
        bold,
      );
      page.drawLine({
        start: { x: MARGIN, y: y - 3 },
        end: { x: MARGIN + usable, y: y - 3 },
        thickness: 0.7,
        color: RULE,
      });
      y -= 2;
    };

    y -= 14;
    room(SIZE.heading + 3 * ROW);
    y -= SIZE.heading;
    text(table.heading, MARGIN, SIZE.heading, bold);
    if (table.rows.length === 0 && !table.total) {
      y -= ROW + 2;
      text(table.empty ?? 'Nothing to list.', MARGIN, SIZE.cell + 1, regular, MUTED);
      continue;
    }
    drawHeader();
    for (const row of table.rows) {
      if (!room(ROW)) drawHeader();
      y -= ROW;
      drawRow(row, regular);
    }
    if (table.total) {
      if (!room(ROW + 4)) drawHeader();
      page.drawLine({
        start: { x: MARGIN, y: y - 4 },
        end: { x: MARGIN + usable, y: y - 4 },
        thickness: 0.7,
        color: RULE,
      });
      y -= ROW + 2;
      drawRow(table.total, bold);
    }
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const footer = printable(regular, `${report.title} - page ${i + 1} of ${pages.length}`);
    p.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: 7.5, font: regular, color: MUTED });
  });
  return doc.save();
}
