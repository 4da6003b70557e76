// The statement of account as a react-pdf document: a header (seller, customer, period, column
// titles) and a footer with "Page X of Y" on every page, one block per currency with opening row,
// movements and running balance, closing row, and the aging table.
// Built-in Helvetica only (not embedded): every string goes through pdfText (WinAnsi).
//
// Why most of it is drawn rather than laid out by react-pdf: react-pdf lays out every Text through
// textkit and every View through yoga, and re-lays out a whole page for each dynamic ("Page X of Y")
// node while paginating. A 1,000-line statement was ~8,000 Text nodes and cost 6-8 s of CPU (one long
// wrapping page, before pages were cut here, 94 s). Now this module paginates exactly: table rows,
// header and footer are measured here with Helvetica's metrics (./table.ts) and drawn on a <Canvas>
// with one PDF text operation per line; the header is laid out once per document; page numbers are
// static text because every planned page is one output page. react-pdf lays out only the aging table
// and the notes. 1,000 lines cost a few hundred milliseconds, linear in lines (bench/statement-pdf.ts).
import { Canvas, Document, Page, StyleSheet, Text, type TextProps, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { AGING_BUCKETS } from "~/domain/ledger/aging-buckets";
import { pdfText } from "~/domain/pdf/pdf-text";
import { formatMoney } from "~/utils/money";
import { formatStatementDate, getKindLabel, type StatementLabels } from "../labels";
import type { Statement, StatementMovement, StatementSection } from "../types";
import {
  type Mark,
  type Painter,
  type TableCell,
  type TableRow,
  TABLE_WIDTH,
  layoutCell,
  paintMarks,
  paintRows,
  rowHeight,
  tableColors,
} from "./table";

const INK = tableColors.ink;
const MUTED = tableColors.muted;
const RULE = tableColors.rule;

const PAGE_PADDING_TOP = 128;
const PAGE_PADDING_BOTTOM = 48;
const PAGE_HEIGHT = 792; // LETTER
/** Height between the fixed header and footer. */
const CONTENT_HEIGHT = PAGE_HEIGHT - PAGE_PADDING_TOP - PAGE_PADDING_BOTTOM;

// react-pdf styles of what it still lays out: the page box, the aging table and the notes.
const styles = StyleSheet.create({
  page: {
    paddingTop: PAGE_PADDING_TOP,
    paddingBottom: PAGE_PADDING_BOTTOM,
    paddingHorizontal: 36,
    fontFamily: "Helvetica",
    fontSize: 7.5,
    color: INK,
  },
  tableHead: {
    flexDirection: "row",
    paddingVertical: 3,
    backgroundColor: INK,
    color: "#ffffff",
    fontFamily: "Helvetica-Bold",
  },
  bandRow: {
    flexDirection: "row",
    paddingVertical: 3,
    backgroundColor: tableColors.band,
    fontFamily: "Helvetica-Bold",
  },
  agingTitle: { fontFamily: "Helvetica-Bold", fontSize: 9, marginTop: 10, marginBottom: 4 },
  agingTable: { marginTop: 8, width: 330 },
  agingRow: { flexDirection: "row", paddingVertical: 2.5, borderBottomWidth: 0.5, borderBottomColor: RULE },
  aBucket: { flex: 1, paddingLeft: 3 },
  aCount: { width: 60, textAlign: "right" },
  aAmount: { width: 90, textAlign: "right", paddingRight: 3 },
  note: { marginTop: 6, color: MUTED, fontSize: 6.5 },
});

// Column geometry of the movements table, in points from the table's left edge (the page's left
// padding). The same widths as the header's column titles (styles.cDate … cMoney).
const COL = {
  date: { x: 0, width: 46, padLeft: 3 },
  doc: { x: 46, width: 58 },
  concept: { x: 104, width: 126, padRight: 4 },
  due: { x: 230, width: 46 },
  charge: { x: 276, width: 66 },
  credit: { x: 342, width: 66 },
  balance: { x: 408, width: 66 },
  open: { x: 474, width: 66 },
} as const;
const MONEY_PAD_RIGHT = 3;
const ROW_PAD = 2.5;
const BAND_PAD = 3;
const FONT_SIZE = 7.5;
const FISCAL_SIZE = 6;

// Words are never split: amounts, folios and UUIDs must stay whole, and the default hyphenation is
// English (only the header and aging table still go through react-pdf's text layout).
const keepWordsWhole = (word: string) => [word];

/** A line of text laid out by react-pdf (header, footer, aging table, notes). */
function Cell({ style, children }: { style?: TextProps["style"]; children?: ReactNode }) {
  return (
    <Text style={style} hyphenationCallback={keepWordsWhole}>
      {children}
    </Text>
  );
}

export interface StatementPdfProps {
  statement: Statement;
  labels: StatementLabels;
  locale: string;
}

/** What a page holds, in order: runs of table rows (drawn on a Canvas) and the react-pdf blocks. */
type PageItem =
  | { type: "rows"; rows: TableRow[] }
  | { type: "aging"; section: StatementSection }
  | { type: "notes"; multiCurrency: boolean; disputed: boolean };

type Block =
  | { type: "rows"; rows: TableRow[]; keepWithNext?: boolean }
  | { type: "aging"; section: StatementSection; keepWithNext?: boolean }
  | { type: "notes"; multiCurrency: boolean; disputed: boolean; keepWithNext?: boolean };

/**
 * Movements kept on the page of a section's closing rows and aging, so that page is never the column
 * titles over one or two rows and the aging table (or the aging alone).
 */
const ROWS_BEFORE_CLOSING = 3;

// Heights of the react-pdf blocks, measured on rendered pages and rounded up (they hold short, fixed
// text that never wraps): the aging title, its column titles, six bucket rows and four totals;
// the one or two notes.
const AGING_HEIGHT = 200;
const NOTES_HEIGHT = 30;
/** The note on disputed documents, when there is one: one more 6.5 pt line with its 6 pt margin. */
const DISPUTED_NOTE_HEIGHT = 15;
/** Slack left at the bottom of every page, for rounding in react-pdf's own layout of the blocks above. */
const PAGE_SLACK = 4;

const DESCRIPTION_MAX = 80;

function getConcept(labels: StatementLabels, m: StatementMovement): string {
  const description =
    m.description && m.description.length > DESCRIPTION_MAX
      ? `${m.description.slice(0, DESCRIPTION_MAX - 3)}...`
      : m.description;
  return [getKindLabel(labels, m.kind, m.effect), description].filter(Boolean).join(" - ");
}

interface RowContext {
  labels: StatementLabels;
  locale: string;
  date: (iso: string) => string;
}

const left = (text: string, col: { x: number; width: number; padLeft?: number; padRight?: number }, bold = false) =>
  layoutCell(pdfText(text), {
    x: col.x + (col.padLeft ?? 0),
    width: col.width - (col.padLeft ?? 0) - (col.padRight ?? 0),
    bold,
    size: FONT_SIZE,
  });

const right = (text: string, col: { x: number; width: number }, options: { bold?: boolean; color?: string } = {}) =>
  layoutCell(pdfText(text), {
    x: col.x,
    width: col.width - MONEY_PAD_RIGHT,
    align: "right",
    bold: options.bold,
    color: options.color,
    size: FONT_SIZE,
  });

function movementRow(m: StatementMovement, money: (a: string) => string, ctx: RowContext): TableRow {
  const { date } = ctx;
  const alert = m.overdue ? { bold: true, color: tableColors.alert } : {};
  // A disputed document stays on the statement, marked in its concept with what is under claim.
  const disputed = m.disputed
    ? ` - ${ctx.labels.disputedMark} ${ctx.labels.columns.disputed}: ${money(m.disputed)}`
    : "";
  const concept = left(`${getConcept(ctx.labels, m)}${disputed}`, COL.concept);
  const cells: TableCell[] = [left(date(m.issueDate), COL.date), left(m.serieFolio, COL.doc), concept];
  if (m.fiscalId) {
    cells.push({
      ...layoutCell(pdfText(m.fiscalId), {
        x: COL.concept.x,
        width: COL.concept.width - COL.concept.padRight,
        size: FISCAL_SIZE,
        color: MUTED,
      }),
      top: concept.height + 1,
    });
  }
  if (m.effect === "charge") {
    const due = left(date(m.dueDate), COL.due, m.overdue);
    cells.push(m.overdue ? { ...due, color: tableColors.alert } : due);
  }
  if (m.charge) cells.push(right(money(m.charge), COL.charge));
  if (m.credit) cells.push(right(money(m.credit), COL.credit));
  cells.push(right(money(m.balance), COL.balance));
  if (m.openAmount !== null) cells.push(right(`${money(m.openAmount)}${m.overdue ? " *" : ""}`, COL.open, alert));
  return { cells, padding: ROW_PAD, rule: true, height: rowHeight(cells, ROW_PAD, true) };
}

function bandRow(cells: TableCell[]): TableRow {
  return { cells, padding: BAND_PAD, band: true, height: rowHeight(cells, BAND_PAD, false) };
}

function sectionRows(section: StatementSection, statement: Statement, ctx: RowContext) {
  const { labels, date } = ctx;
  const money = (amount: string) => formatMoney(amount, section.currency, ctx.locale);
  const titleText = layoutCell(pdfText(`${labels.currency}: ${section.currency}`), {
    x: 0,
    width: TABLE_WIDTH,
    bold: true,
    size: 10,
  });
  // The section title: 10 pt bold with 10 pt above it and 4 below (as styles.sectionTitle).
  const title: TableRow = { cells: [{ ...titleText, top: 10 - ROW_PAD }], padding: ROW_PAD, height: 0 };
  title.height = 10 + titleText.height + 4;
  // Labels of the band rows start in the concept column (opening, closing) or just right of it (totals).
  const openingLabel = { x: COL.concept.x, width: COL.balance.x - COL.concept.x, padRight: COL.concept.padRight };
  const totalsLabel = { x: COL.concept.x + 3, width: COL.charge.x - COL.concept.x - 3, padRight: COL.concept.padRight };
  const opening = bandRow([
    left(date(statement.period.from), COL.date, true),
    left(labels.openingBalance, openingLabel, true),
    right(money(section.openingBalance), COL.balance, { bold: true }),
  ]);
  const movements =
    section.movements.length === 0
      ? [
          {
            cells: [left(labels.noMovements, { x: COL.concept.x + 3, width: TABLE_WIDTH - COL.concept.x - 3 })],
            padding: ROW_PAD,
            rule: true,
            height: 0,
          },
        ].map((row) => ({ ...row, height: rowHeight(row.cells, ROW_PAD, true) }))
      : section.movements.map((m) => movementRow(m, money, ctx));
  const totals = bandRow([
    left(labels.totals, totalsLabel, true),
    right(money(section.totalCharges), COL.charge, { bold: true }),
    right(money(section.totalCredits), COL.credit, { bold: true }),
  ]);
  const closing = bandRow([
    left(date(statement.period.to), COL.date, true),
    left(labels.closingBalance, openingLabel, true),
    right(money(section.closingBalance), COL.balance, { bold: true }),
  ]);
  const disputed =
    section.disputedTotal === "0.00"
      ? null
      : bandRow([
          left(date(statement.period.to), COL.date, true),
          left(`${labels.disputedMark} ${labels.disputedTotal}`, openingLabel, true),
          right(money(section.disputedTotal), COL.balance, { bold: true }),
        ]);
  return { title, opening, movements, totals, closing, disputed };
}

function blockHeight(block: Block): number {
  switch (block.type) {
    case "rows":
      return block.rows.reduce((sum, row) => sum + row.height, 0);
    case "aging":
      return AGING_HEIGHT;
    case "notes":
      return NOTES_HEIGHT + (block.disputed ? DISPUTED_NOTE_HEIGHT : 0);
  }
}

/**
 * Splits the statement into pages of items that fit. Table rows are measured exactly; a section's
 * title and opening row stay with its first movement, and its totals with its closing row.
 */
export function paginateStatement(statement: Statement, labels: StatementLabels, locale: string): PageItem[][] {
  const ctx: RowContext = { labels, locale, date: (iso) => formatStatementDate(iso, locale) };
  const blocks: Block[] = [];
  for (const section of statement.sections) {
    const rows = sectionRows(section, statement, ctx);
    blocks.push({ type: "rows", rows: [rows.title, rows.opening], keepWithNext: true });
    // The last movements stay with the closing rows, which stay with the aging.
    rows.movements.forEach((row, index) =>
      blocks.push({ type: "rows", rows: [row], keepWithNext: index >= rows.movements.length - ROWS_BEFORE_CLOSING }),
    );
    // Totals and closing stay with the aging (never an aging page under empty column titles); the
    // last section's aging stays with the notes.
    blocks.push({
      type: "rows",
      rows: rows.disputed ? [rows.totals, rows.closing, rows.disputed] : [rows.totals, rows.closing],
      keepWithNext: true,
    });
    blocks.push({ type: "aging", section, keepWithNext: section === statement.sections.at(-1) });
  }
  blocks.push({
    type: "notes",
    multiCurrency: statement.sections.length > 1,
    disputed: statement.sections.some((s) => s.disputedTotal !== "0.00"),
  });

  const budget = CONTENT_HEIGHT - PAGE_SLACK;
  const pages: PageItem[][] = [[]];
  let used = 0;
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i];
    const height = blockHeight(block);
    // A block kept with the next one needs room for the whole chain.
    let needed = height;
    for (let j = i; blocks[j]?.keepWithNext && j + 1 < blocks.length; j += 1) needed += blockHeight(blocks[j + 1]);
    const page = pages[pages.length - 1];
    if (used + needed > budget && page.length > 0) {
      pages.push([]);
      used = 0;
    }
    const current = pages[pages.length - 1];
    const last = current[current.length - 1];
    if (block.type === "rows" && last?.type === "rows") last.rows.push(...block.rows);
    else if (block.type === "rows") current.push({ type: "rows", rows: [...block.rows] });
    else current.push(block);
    used += height;
  }
  return pages;
}

const HEADER_TOP = 28;
const FOOTER_BOTTOM = 22;
const FOOTER_SIZE = 7;

/** The page header, laid out once and drawn on every page: seller, title and period, customer, column titles. */
function headerMarks({ statement, labels, locale }: StatementPdfProps): { marks: Mark[]; height: number } {
  const { seller, customer, period } = statement;
  const date = (iso: string) => formatStatementDate(iso, locale);
  const marks: Mark[] = [];
  const put = (cell: TableCell, y: number) => {
    marks.push({ type: "text", cell, y });
    return cell.height;
  };
  const muted = { size: FONT_SIZE, color: MUTED };
  let leftY = put(layoutCell(pdfText(seller.legalName), { x: 0, width: 330, size: 11, bold: true }), 0);
  leftY += put(layoutCell(pdfText(`${labels.taxId}: ${seller.taxId}`), { x: 0, width: 330, ...muted }), leftY);
  const right = { x: 340, width: TABLE_WIDTH - 340, align: "right" as const };
  let rightY = put(layoutCell(labels.title, { ...right, size: 14, bold: true }), 0);
  rightY += put(
    layoutCell(`${labels.period}: ${date(period.from)} - ${date(period.to)}`, { ...right, ...muted }),
    rightY,
  );

  // Customer data in two columns of label / value lines, under a rule.
  let y = Math.max(leftY, rightY) + 8;
  marks.push({ type: "line", x1: 0, x2: TABLE_WIDTH, y: y + 0.5, width: 1, color: INK });
  y += 1 + 6;
  const columns: [string, string][][] = [
    [
      [labels.customer, customer.legalName],
      [labels.taxId, customer.taxId],
      [labels.accountNumber, customer.accountNumber],
    ],
    [
      [labels.currency, customer.currency],
      [labels.paymentTerm, `${customer.paymentTermDays} ${labels.days}`],
      [labels.creditLimit, formatMoney(customer.creditLimit, customer.currency, locale)],
    ],
  ];
  const columnWidth = TABLE_WIDTH / 2;
  const gridTop = y;
  for (const [index, lines] of columns.entries()) {
    const x = index * columnWidth;
    let lineY = gridTop;
    for (const [label, value] of lines) {
      const labelCell = layoutCell(label, { x, width: 78, ...muted });
      const valueCell = layoutCell(pdfText(value), { x: x + 78, width: columnWidth - 8 - 78, size: FONT_SIZE });
      put(labelCell, lineY);
      put(valueCell, lineY);
      lineY += Math.max(labelCell.height, valueCell.height) + 1.5;
    }
    y = Math.max(y, lineY);
  }

  // Column titles on a dark band, at the columns of the movement rows.
  y += 8;
  const head = { size: FONT_SIZE, bold: true, color: "#ffffff" };
  const titles = [
    layoutCell(labels.columns.date, { x: COL.date.x + COL.date.padLeft, width: COL.date.width, ...head }),
    layoutCell(labels.columns.document, { x: COL.doc.x, width: COL.doc.width, ...head }),
    layoutCell(`${labels.columns.concept} / ${labels.columns.fiscalId}`, {
      x: COL.concept.x,
      width: COL.concept.width - COL.concept.padRight,
      ...head,
    }),
    layoutCell(labels.columns.dueDate, { x: COL.due.x, width: COL.due.width, ...head }),
    ...[
      [labels.columns.charge, COL.charge],
      [labels.columns.credit, COL.credit],
      [labels.columns.balance, COL.balance],
      [labels.columns.open, COL.open],
    ].map(([title, col]) =>
      layoutCell(title as string, {
        x: (col as { x: number }).x,
        width: (col as { width: number }).width - MONEY_PAD_RIGHT,
        align: "right",
        ...head,
      }),
    ),
  ];
  const headHeight = BAND_PAD * 2 + Math.max(...titles.map((cell) => cell.height));
  marks.push({ type: "rect", x: 0, y, width: TABLE_WIDTH, height: headHeight, color: INK });
  for (const cell of titles) put(cell, y + BAND_PAD);
  return { marks, height: y + headHeight };
}

/** The footer of one page: a rule, the customer on the left, "Page X of Y" on the right. */
function footerMarks(customerLine: TableCell, pageLabel: string): Mark[] {
  const page = layoutCell(pageLabel, {
    x: TABLE_WIDTH - 140,
    width: 140,
    size: FOOTER_SIZE,
    color: MUTED,
    align: "right",
  });
  return [
    { type: "line", x1: 0, x2: TABLE_WIDTH, y: 0.25, width: 0.5, color: RULE },
    { type: "text", cell: customerLine, y: 4.5 },
    { type: "text", cell: page, y: 4.5 },
  ];
}

export function StatementPdf({ statement, labels, locale }: StatementPdfProps) {
  const { seller, customer, period } = statement;
  const pages = paginateStatement(statement, labels, locale);
  const header = headerMarks({ statement, labels, locale });
  const customerLine = layoutCell(pdfText(`${customer.legalName} - ${customer.accountNumber}`), {
    x: 0,
    width: TABLE_WIDTH - 150,
    size: FOOTER_SIZE,
    color: MUTED,
  });
  const footerHeight = 4.5 + customerLine.height;
  return (
    <Document
      title={`${labels.title} ${customer.accountNumber} ${period.from} ${period.to}`}
      author={seller.legalName}
      language={locale}
    >
      {pages.map((items, pageIndex) => (
        // Each page's content fits it (the pagination above is exact), so react-pdf never splits one;
        // header and footer are `fixed` so that, were it ever to, they would repeat on the extra page.
        <Page key={pageIndex} size="LETTER" style={styles.page}>
          <Canvas
            fixed
            style={{ position: "absolute", top: HEADER_TOP, left: 36, width: TABLE_WIDTH, height: header.height }}
            paint={(painter: Painter) => {
              paintMarks(painter, header.marks);
              return null;
            }}
          />
          {items.map((item, i) => (
            <PageItemView key={i} item={item} labels={labels} locale={locale} />
          ))}
          <Canvas
            fixed
            style={{
              position: "absolute",
              top: PAGE_HEIGHT - FOOTER_BOTTOM - footerHeight,
              left: 36,
              width: TABLE_WIDTH,
              height: footerHeight,
            }}
            paint={(painter: Painter) => {
              paintMarks(painter, footerMarks(customerLine, labels.page(pageIndex + 1, pages.length)));
              return null;
            }}
          />
        </Page>
      ))}
    </Document>
  );
}

function PageItemView({ item, labels, locale }: { item: PageItem; labels: StatementLabels; locale: string }) {
  switch (item.type) {
    case "rows": {
      const height = item.rows.reduce((sum, row) => sum + row.height, 0);
      return (
        <Canvas
          style={{ width: TABLE_WIDTH, height }}
          paint={(painter: Painter) => {
            paintRows(painter, item.rows);
            return null;
          }}
        />
      );
    }
    case "aging":
      return <AgingTable section={item.section} labels={labels} locale={locale} />;
    case "notes":
      return (
        <View>
          <Cell style={styles.note}>{labels.overdueNote}</Cell>
          {item.multiCurrency ? <Cell style={styles.note}>{labels.currencyNote}</Cell> : null}
          {item.disputed ? <Cell style={styles.note}>{labels.disputedNote}</Cell> : null}
        </View>
      );
  }
}

function AgingTable({
  section,
  labels,
  locale,
}: {
  section: StatementSection;
  labels: StatementLabels;
  locale: string;
}) {
  const money = (amount: string) => formatMoney(amount, section.currency, locale);
  return (
    <View style={styles.agingTable}>
      <Cell style={styles.agingTitle}>
        {labels.agingTitle} ({section.currency}) - {labels.agingAsOf} {formatStatementDate(section.aging.asOf, locale)}
      </Cell>
      <View style={styles.tableHead}>
        <Cell style={styles.aBucket}>{labels.bucket}</Cell>
        <Cell style={styles.aCount}>{labels.count}</Cell>
        <Cell style={styles.aAmount}>{labels.amount}</Cell>
      </View>
      {AGING_BUCKETS.map((b) => (
        <View key={b} style={styles.agingRow}>
          <Cell style={styles.aBucket}>{labels.buckets[b]}</Cell>
          <Cell style={styles.aCount}>{section.aging.buckets[b].count}</Cell>
          <Cell style={styles.aAmount}>{pdfText(money(section.aging.buckets[b].amount))}</Cell>
        </View>
      ))}
      <AgingTotal label={labels.openCharges} value={money(section.aging.openCharges)} />
      <AgingTotal label={labels.unappliedCredits} value={money(section.aging.unappliedCredits)} />
      <AgingTotal label={labels.netBalance} value={money(section.aging.balance)} />
      <AgingTotal label={labels.overdueTotal} value={money(section.aging.overdue)} />
    </View>
  );
}

function AgingTotal({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.bandRow}>
      <Cell style={styles.aBucket}>{label}</Cell>
      <Cell style={styles.aAmount}>{pdfText(value)}</Cell>
    </View>
  );
}
