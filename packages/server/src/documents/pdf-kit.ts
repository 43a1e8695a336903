/**
 * The one PDF layout kit both documents are written with: A4 pages with margins, DejaVu Sans embedded (from the
 * `dejavu-fonts-ttf` package, so rendering needs no network and no system font), headings, paragraphs, labelled
 * fields, bullet lists, simple tables, a small line chart drawn with vector paths, and "Page n of m" footers.
 * Metadata is deterministic: the title, and the creation date the caller gives (the file id derives from them).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { create as parseFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/** A TrueType file of `dejavu-fonts-ttf`, read and parsed. */
function dejaVu(file: string): Font {
  const font = parseFont(fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
  if (!('layout' in font)) throw new Error(`${file} is a font collection, not one font.`);
  return font;
}

/**
 * Read and parsed once per thread, on the first document (ADR 0018): every document after that lays its text out
 * with the same fontkit fonts (their glyphs and metrics cached as they are used) and embeds its own subset of them.
 */
let parsedFonts: { regular: Font; bold: Font } | undefined;
const fonts = () => (parsedFonts ??= { regular: dejaVu('DejaVuSans.ttf'), bold: dejaVu('DejaVuSans-Bold.ttf') });

/** A4 in points (210 × 297 mm). */
const A4: [number, number] = [595.28, 841.89];
const ink = '#1a1a1a';
const muted = '#555555';
const rule = '#9a9a9a';
const accent = '#1f4e79';

export interface PdfOptions {
  readonly title: string;
  readonly subject: string;
  /** The moment the document is generated: its CreationDate (and so its file id). */
  readonly createdAt: Date;
  /** Body text size in points; headings scale from it. */
  readonly bodySize: number;
  /** Left on each page's footer before "Page n of m". */
  readonly footer: string;
  readonly lang?: string;
}

export interface Column {
  readonly header: string;
  /** Share of the text width, all columns together 1. */
  readonly width: number;
  readonly align?: 'left' | 'right' | 'center';
}

export interface ChartPoint {
  /** Under the point on the x axis (a session number or a date). */
  readonly label: string;
  readonly value: number;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly size: number;
  private readonly footer: string;

  constructor(o: PdfOptions) {
    this.size = o.bodySize;
    this.footer = o.footer;
    const margin = 56.7; // 2 cm
    this.doc = new PDFDocument({
      size: A4,
      margins: { top: margin, bottom: margin + 14, left: margin, right: margin },
      bufferPages: true,
      autoFirstPage: true,
      lang: o.lang ?? 'en-GB',
      displayTitle: true,
      info: {
        Title: o.title,
        Subject: o.subject,
        Creator: 'IPT Workbench',
        Producer: 'IPT Workbench (PDFKit)',
        CreationDate: o.createdAt,
        ModDate: o.createdAt,
      },
    });
    this.doc.registerFont('body', fonts().regular);
    this.doc.registerFont('bold', fonts().bold);
    this.doc.font('body').fontSize(this.size).fillColor(ink);
  }

  private get left() {
    return this.doc.page.margins.left;
  }

  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, sub?: string) {
    this.doc
      .font('bold')
      .fontSize(this.size * 1.9)
      .fillColor(accent)
      .text(text, this.left, this.doc.y, { width: this.width });
    if (sub) this.doc.moveDown(0.2).font('body').fontSize(this.size).fillColor(muted).text(sub, { width: this.width });
    this.doc.fillColor(ink).moveDown(0.6);
  }

  heading(text: string) {
    this.ensureSpace(this.size * 5);
    this.doc.moveDown(0.5);
    const y = this.doc.y;
    this.doc
      .font('bold')
      .fontSize(this.size * 1.35)
      .fillColor(accent)
      .text(text, this.left, y, { width: this.width });
    const under = this.doc.y + 2;
    this.doc
      .moveTo(this.left, under)
      .lineTo(this.left + this.width, under)
      .lineWidth(0.75)
      .strokeColor(rule)
      .stroke();
    this.doc.y = under + 6;
    this.doc.font('body').fontSize(this.size).fillColor(ink);
  }

  subheading(text: string) {
    this.ensureSpace(this.size * 3);
    this.doc.moveDown(0.3).font('bold').fontSize(this.size).fillColor(ink).text(text, this.left, this.doc.y, {
      width: this.width,
    });
    this.doc.font('body');
  }

  paragraph(text: string, opts: { muted?: boolean } = {}) {
    this.doc
      .font('body')
      .fontSize(this.size)
      .fillColor(opts.muted ? muted : ink)
      .text(text, this.left, this.doc.y, { width: this.width, lineGap: this.size * 0.2 });
    this.doc.fillColor(ink).moveDown(0.35);
  }

  /** "Label: value" lines, the label in bold. */
  fields(pairs: readonly (readonly [string, string])[]) {
    for (const [label, value] of pairs) {
      this.doc
        .font('bold')
        .fontSize(this.size)
        .fillColor(ink)
        .text(`${label}: `, this.left, this.doc.y, { width: this.width, continued: true, lineGap: this.size * 0.2 })
        .font('body')
        .text(value || '—', { lineGap: this.size * 0.2 });
    }
    this.doc.moveDown(0.35);
  }

  bullets(items: readonly string[], empty = 'None recorded.') {
    if (items.length === 0) {
      this.paragraph(empty, { muted: true });
      return;
    }
    const indent = this.size * 1.2;
    for (const item of items) {
      this.ensureSpace(this.size * 1.6);
      const y = this.doc.y;
      this.doc.font('body').fontSize(this.size).fillColor(ink).text('•', this.left, y, { width: indent });
      this.doc.text(item, this.left + indent, y, { width: this.width - indent, lineGap: this.size * 0.2 });
      this.doc.moveDown(0.2);
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.2);
  }

  table(columns: readonly Column[], rows: readonly (readonly string[])[], empty = 'None recorded.') {
    if (rows.length === 0) {
      this.paragraph(empty, { muted: true });
      return;
    }
    const pad = 3;
    const size = this.size * 0.9;
    const widths = columns.map((c) => c.width * this.width);
    const drawRow = (cells: readonly string[], bold: boolean) => {
      this.doc.font(bold ? 'bold' : 'body').fontSize(size);
      const height =
        Math.max(...cells.map((c, i) => this.doc.heightOfString(c || '—', { width: (widths[i] ?? 0) - 2 * pad }))) +
        2 * pad;
      this.ensureSpace(height);
      const y = this.doc.y;
      let x = this.left;
      for (const [i, c] of cells.entries()) {
        const w = widths[i] ?? 0;
        this.doc.fillColor(ink).text(c || '—', x + pad, y + pad, { width: w - 2 * pad, align: columns[i]?.align });
        x += w;
      }
      this.doc
        .moveTo(this.left, y + height)
        .lineTo(this.left + this.width, y + height)
        .lineWidth(bold ? 0.75 : 0.4)
        .strokeColor(rule)
        .stroke();
      this.doc.y = y + height;
    };
    drawRow(
      columns.map((c) => c.header),
      true,
    );
    for (const r of rows) drawRow(r, false);
    this.doc.x = this.left;
    this.doc.font('body').fontSize(this.size).moveDown(0.6);
  }

  /**
   * A small line chart: totals against a 0…max axis, one point per measurement, labelled below. Thresholds are drawn
   * as dashed lines with their names, so the chart does not rely on colour alone.
   */
  lineChart(
    caption: string,
    points: readonly ChartPoint[],
    max: number,
    thresholds: readonly { value: number; label: string }[] = [],
  ) {
    const height = 130;
    const axisLabel = this.size * 0.75;
    this.ensureSpace(height + 40);
    this.subheading(caption);
    const top = this.doc.y + 6;
    const gutter = 26;
    const x0 = this.left + gutter;
    const w = this.width - gutter - 90;
    const y0 = top + height;
    const yOf = (v: number) => y0 - (Math.min(Math.max(v, 0), max) / (max || 1)) * height;
    const d = this.doc;
    d.lineWidth(0.6).strokeColor(rule);
    d.moveTo(x0, top)
      .lineTo(x0, y0)
      .lineTo(x0 + w, y0)
      .stroke();
    d.font('body').fontSize(axisLabel).fillColor(muted);
    for (const v of [0, Math.round(max / 2), max]) {
      d.text(String(v), this.left, yOf(v) - axisLabel / 2, { width: gutter - 4, align: 'right' });
      d.moveTo(x0 - 3, yOf(v))
        .lineTo(x0, yOf(v))
        .stroke();
    }
    for (const t of thresholds) {
      const y = yOf(t.value);
      d.save()
        .dash(3, { space: 3 })
        .moveTo(x0, y)
        .lineTo(x0 + w, y)
        .strokeColor(rule)
        .stroke()
        .restore();
      d.text(`${t.label} (${t.value})`, x0 + w + 4, y - axisLabel / 2, { width: 86 });
    }
    const n = points.length;
    const xOf = (i: number) => (n <= 1 ? x0 + w / 2 : x0 + 8 + (i * (w - 16)) / (n - 1));
    if (n > 1) {
      d.lineWidth(1.6).strokeColor(accent);
      points.forEach((p, i) => {
        if (i === 0) d.moveTo(xOf(i), yOf(p.value));
        else d.lineTo(xOf(i), yOf(p.value));
      });
      d.stroke();
    }
    const every = Math.max(1, Math.ceil(n / 12));
    points.forEach((p, i) => {
      d.circle(xOf(i), yOf(p.value), 2.6).fillColor(accent).fill();
      if (i % every === 0 || i === n - 1) {
        d.fillColor(muted).text(p.label, xOf(i) - 20, y0 + 4, { width: 40, align: 'center' });
      }
    });
    d.fillColor(ink).font('body').fontSize(this.size);
    d.x = this.left;
    d.y = y0 + axisLabel + 12;
  }

  /** Writes the footers and returns the file. */
  async finish(): Promise<Uint8Array> {
    const d = this.doc;
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve, reject) => {
      d.on('data', (c: Buffer) => chunks.push(c));
      d.on('end', () => resolve());
      d.on('error', reject);
    });
    const range = d.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      d.switchToPage(i);
      const bottom = d.page.margins.bottom;
      d.page.margins.bottom = 0; // writing in the margin must not start a new page
      const y = d.page.height - bottom + 14;
      const size = this.size * 0.75;
      d.font('body').fontSize(size).fillColor(muted);
      d.text(this.footer, this.left, y, { width: this.width * 0.7, lineBreak: false });
      d.text(`Page ${i + 1} of ${range.count}`, this.left, y, { width: this.width, align: 'right', lineBreak: false });
      d.page.margins.bottom = bottom;
    }
    d.end();
    await done;
    return new Uint8Array(Buffer.concat(chunks));
  }
}
