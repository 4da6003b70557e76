// Rows of the statement's movements table, measured and drawn without react-pdf's layout: each cell
// is broken into lines here with the metrics of the built-in Helvetica (the same AFM widths and
// kerning pdfkit draws with), so a row's height is exact before anything is drawn, and a page is
// painted on one <Canvas> with one text operation per line. See statement-pdf.tsx for why.
import PDFDocument from "pdfkit";

export const TABLE_WIDTH = 540;

export const tableColors = {
  ink: "#1f2933",
  muted: "#616e7c",
  rule: "#cbd2d9",
  band: "#f0f4f8",
  alert: "#b42318",
} as const;

type FontName = "Helvetica" | "Helvetica-Bold";

/** Line height as a multiple of the font size: Helvetica's ascender − descender + line gap (718 + 207 + 231). */
const LINE_HEIGHT = 1.156;
const RULE_WIDTH = 0.5;

/** One cell: its lines, where each starts (from the table's left edge) and how tall it is. */
export interface TableCell {
  lines: string[];
  /** x of each line (right-aligned lines start at different places). */
  xs: number[];
  font: FontName;
  size: number;
  color: string;
  lineHeight: number;
  height: number;
  /** Offset below the row's top padding (a second line of smaller text under another cell). */
  top?: number;
}

export interface TableRow {
  cells: TableCell[];
  /** Vertical padding above and below the cells. */
  padding: number;
  /** A shaded band behind the row (opening, totals and closing rows). */
  band?: boolean;
  /** A hairline under the row. */
  rule?: boolean;
  height: number;
}

/** The subset of pdfkit that react-pdf's <Canvas> painter exposes and that this module uses. */
export interface Painter {
  font(name: string): Painter;
  fontSize(size: number): Painter;
  fillColor(color: string): Painter;
  strokeColor(color: string): Painter;
  lineWidth(width: number): Painter;
  text(text: string, x: number, y: number, options: { lineBreak: false }): Painter;
  rect(x: number, y: number, width: number, height: number): Painter;
  fill(color?: string): Painter;
  moveTo(x: number, y: number): Painter;
  lineTo(x: number, y: number): Painter;
  stroke(): Painter;
}

// A document that is never written, only asked for string widths (pdfkit loads the standard fonts'
// metrics on first use). One per thread; widths of repeated strings are remembered.
let metrics: PDFKit.PDFDocument | null = null;
const widthCache = new Map<string, number>();
const WIDTH_CACHE_MAX = 50_000;

export function textWidth(text: string, font: FontName, size: number): number {
  const key = `${font}|${size}|${text}`;
  let width = widthCache.get(key);
  if (width === undefined) {
    metrics ??= new PDFDocument({ autoFirstPage: false, compress: false });
    width = metrics.font(font).fontSize(size).widthOfString(text);
    if (widthCache.size >= WIDTH_CACHE_MAX) widthCache.clear();
    widthCache.set(key, width);
  }
  return width;
}

/** Greedy line breaking at spaces; a word wider than the line is cut between characters. */
export function breakLines(text: string, width: number, font: FontName, size: number): string[] {
  const normalized = text.replace(/\s+/g, " ").trim();
  if (normalized === "") return [];
  if (textWidth(normalized, font, size) <= width) return [normalized];
  const lines: string[] = [];
  let line = "";
  for (const word of normalized.split(" ")) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (textWidth(candidate, font, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== "") lines.push(line);
    line = word;
    // A word that alone does not fit (a long reference with no spaces): cut it.
    while (textWidth(line, font, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && textWidth(line.slice(0, cut), font, size) > width) cut -= 1;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

export function layoutCell(
  text: string,
  options: { x: number; width: number; size: number; bold?: boolean; align?: "left" | "right"; color?: string },
): TableCell {
  const font: FontName = options.bold ? "Helvetica-Bold" : "Helvetica";
  const lines = breakLines(text, options.width, font, options.size);
  const xs = lines.map((line) =>
    options.align === "right" ? options.x + options.width - textWidth(line, font, options.size) : options.x,
  );
  const lineHeight = options.size * LINE_HEIGHT;
  return {
    lines,
    xs,
    font,
    size: options.size,
    color: options.color ?? tableColors.ink,
    lineHeight,
    height: lines.length * lineHeight,
  };
}

export function rowHeight(cells: TableCell[], padding: number, rule: boolean): number {
  const content = Math.max(0, ...cells.map((cell) => (cell.top ?? 0) + cell.height));
  return padding * 2 + content + (rule ? RULE_WIDTH : 0);
}

/** Something drawn at a fixed place: a cell's lines (y = top of its first line), a filled box, a rule. */
export type Mark =
  | { type: "text"; cell: TableCell; y: number }
  | { type: "rect"; x: number; y: number; width: number; height: number; color: string }
  | { type: "line"; x1: number; x2: number; y: number; width: number; color: string };

/** Draws marks in order (the page header and footer, laid out once per document). */
export function paintMarks(painter: Painter, marks: Mark[]): void {
  for (const mark of marks) {
    if (mark.type === "rect") painter.rect(mark.x, mark.y, mark.width, mark.height).fill(mark.color);
    else if (mark.type === "line")
      painter.moveTo(mark.x1, mark.y).lineTo(mark.x2, mark.y).lineWidth(mark.width).strokeColor(mark.color).stroke();
    else {
      const { cell } = mark;
      painter.font(cell.font).fontSize(cell.size).fillColor(cell.color);
      for (let i = 0; i < cell.lines.length; i += 1)
        painter.text(cell.lines[i], cell.xs[i], mark.y + i * cell.lineHeight, { lineBreak: false });
    }
  }
}

/** Draws rows top to bottom from y = 0 of the canvas, in reading order (left to right within a row). */
export function paintRows(painter: Painter, rows: TableRow[]): void {
  let font = "";
  let size = 0;
  let color = "";
  let y = 0;
  for (const row of rows) {
    if (row.band) {
      painter.rect(0, y, TABLE_WIDTH, row.height).fill(tableColors.band);
      color = tableColors.band;
    }
    for (const cell of row.cells) {
      if (cell.font !== font) painter.font((font = cell.font));
      if (cell.size !== size) painter.fontSize((size = cell.size));
      if (cell.color !== color) painter.fillColor((color = cell.color));
      const top = y + row.padding + (cell.top ?? 0);
      for (let i = 0; i < cell.lines.length; i += 1)
        painter.text(cell.lines[i], cell.xs[i], top + i * cell.lineHeight, { lineBreak: false });
    }
    if (row.rule) {
      const ruleY = y + row.height - RULE_WIDTH / 2;
      painter.moveTo(0, ruleY).lineTo(TABLE_WIDTH, ruleY).lineWidth(RULE_WIDTH).strokeColor(tableColors.rule).stroke();
    }
    y += row.height;
  }
}
