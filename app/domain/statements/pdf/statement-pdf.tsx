// The statement of account as a react-pdf document: a header (seller, customer, period, column
// titles) and a footer with "Page X of Y" repeated on every page, one block per currency with
// opening row, movements and running balance, closing row, and the aging table.
// Built-in Helvetica only (not embedded): labels avoid glyphs outside WinAnsi.
//
// Pages are cut here, not by react-pdf: one long wrapping page re-lays out everything left at each
// break: 1,000 rows took 94 s wall / 44 s CPU that way, against ~8-10 s CPU cut here (bench/).
// Rows have a bounded height (descriptions are shortened), so an estimate per block fills each
// page conservatively; the pages still wrap if an estimate ever falls short, so nothing is clipped.
import { Document, Page, StyleSheet, Text, type TextProps, View, type ViewProps } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { AGING_BUCKETS } from "~/domain/ledger/get-account-balances.server";
import { formatMoney } from "~/utils/money";
import { formatStatementDate, getKindLabel, type StatementLabels } from "../labels";
import type { Statement, StatementMovement, StatementSection } from "../types";

const INK = "#1f2933";
const MUTED = "#616e7c";
const RULE = "#cbd2d9";
const BAND = "#f0f4f8";
const ALERT = "#b42318";

const styles = StyleSheet.create({
  page: {
    paddingTop: 128,
    paddingBottom: 48,
    paddingHorizontal: 36,
    fontFamily: "Helvetica",
    fontSize: 7.5,
    color: INK,
  },
  header: { position: "absolute", top: 28, left: 36, right: 36 },
  headerTop: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start" },
  sellerName: { fontFamily: "Helvetica-Bold", fontSize: 11 },
  title: { fontFamily: "Helvetica-Bold", fontSize: 14, textAlign: "right" },
  muted: { color: MUTED },
  headerGrid: { flexDirection: "row", marginTop: 8, paddingTop: 6, borderTopWidth: 1, borderTopColor: INK },
  headerCol: { flex: 1, paddingRight: 8 },
  headerLine: { flexDirection: "row", marginBottom: 1.5 },
  headerLabel: { width: 78, color: MUTED },
  headerValue: { flex: 1 },
  tableHead: {
    flexDirection: "row",
    marginTop: 8,
    paddingVertical: 3,
    backgroundColor: INK,
    color: "#ffffff",
    fontFamily: "Helvetica-Bold",
  },
  row: { flexDirection: "row", paddingVertical: 2.5, borderBottomWidth: 0.5, borderBottomColor: RULE },
  bandRow: { flexDirection: "row", paddingVertical: 3, backgroundColor: BAND, fontFamily: "Helvetica-Bold" },
  sectionTitle: { fontFamily: "Helvetica-Bold", fontSize: 10, marginTop: 10, marginBottom: 4 },
  cDate: { width: 46, paddingLeft: 3 },
  cDoc: { width: 58 },
  cConcept: { flex: 1, paddingRight: 4 },
  cDue: { width: 46 },
  cMoney: { width: 66, textAlign: "right", paddingRight: 3 },
  fiscal: { fontSize: 6, color: MUTED, marginTop: 1 },
  overdue: { color: ALERT, fontFamily: "Helvetica-Bold" },
  agingTable: { marginTop: 8, width: 330 },
  agingRow: { flexDirection: "row", paddingVertical: 2.5, borderBottomWidth: 0.5, borderBottomColor: RULE },
  aBucket: { flex: 1, paddingLeft: 3 },
  aCount: { width: 60, textAlign: "right" },
  aAmount: { width: 90, textAlign: "right", paddingRight: 3 },
  note: { marginTop: 6, color: MUTED, fontSize: 6.5 },
  footer: {
    position: "absolute",
    bottom: 22,
    left: 36,
    right: 36,
    flexDirection: "row",
    justifyContent: "space-between",
    color: MUTED,
    fontSize: 7,
    borderTopWidth: 0.5,
    borderTopColor: RULE,
    paddingTop: 4,
  },
});

// Words are never split: amounts, folios and UUIDs must stay whole, and the default hyphenation is
// English. It is also the costliest step of text layout, which dominates render time.
const keepWordsWhole = (word: string) => [word];

/** A table cell or line of text. */
function Cell({ style, children }: { style?: TextProps["style"]; children?: ReactNode }) {
  return (
    <Text style={style} hyphenationCallback={keepWordsWhole}>
      {children}
    </Text>
  );
}

/** An empty cell: a sized View, since even an empty Text goes through text layout. */
function Blank({ style }: { style: ViewProps["style"] }) {
  return <View style={style} />;
}

export interface StatementPdfProps {
  statement: Statement;
  labels: StatementLabels;
  locale: string;
}

type Block =
  | { type: "sectionStart"; section: StatementSection }
  | { type: "movement"; section: StatementSection; movement: StatementMovement }
  | { type: "noMovements" }
  | { type: "sectionEnd"; section: StatementSection }
  | { type: "aging"; section: StatementSection }
  | { type: "notes"; multiCurrency: boolean };

// Usable height of a LETTER page between the fixed header and footer (792 - 128 - 48 = 616 pt), with slack.
const PAGE_BUDGET = 590;
const CONCEPT_CHARS_PER_LINE = 28;
const DESCRIPTION_MAX = 80;

function getConcept(labels: StatementLabels, m: StatementMovement): string {
  const description =
    m.description && m.description.length > DESCRIPTION_MAX
      ? `${m.description.slice(0, DESCRIPTION_MAX - 3)}...`
      : m.description;
  return [getKindLabel(labels, m.kind, m.effect), description].filter(Boolean).join(" - ");
}

function estimateHeight(block: Block, labels: StatementLabels): number {
  switch (block.type) {
    case "sectionStart":
      return 44;
    case "movement": {
      const lines = Math.ceil(getConcept(labels, block.movement).length / CONCEPT_CHARS_PER_LINE);
      return 14 + (lines - 1) * 9 + (block.movement.fiscalId ? 8 : 0);
    }
    case "noMovements":
      return 14;
    case "sectionEnd":
      return 32;
    case "aging":
      return 190;
    case "notes":
      return 30;
  }
}

/** Splits the statement into pages of blocks that fit; a section's title never ends a page alone. */
export function paginateStatement(statement: Statement, labels: StatementLabels): Block[][] {
  const blocks: Block[] = [];
  for (const section of statement.sections) {
    blocks.push({ type: "sectionStart", section });
    if (section.movements.length === 0) blocks.push({ type: "noMovements" });
    for (const movement of section.movements) blocks.push({ type: "movement", section, movement });
    blocks.push({ type: "sectionEnd", section }, { type: "aging", section });
  }
  blocks.push({ type: "notes", multiCurrency: statement.sections.length > 1 });

  const pages: Block[][] = [[]];
  let used = 0;
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i];
    let height = estimateHeight(block, labels);
    // Keep a section's opening row with its first movement.
    if (block.type === "sectionStart" && i + 1 < blocks.length) height += estimateHeight(blocks[i + 1], labels);
    if (used + height > PAGE_BUDGET && pages[pages.length - 1].length > 0) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1].push(block);
    used += estimateHeight(block, labels);
  }
  return pages;
}

export function StatementPdf({ statement, labels, locale }: StatementPdfProps) {
  const { seller, customer, period } = statement;
  return (
    <Document
      title={`${labels.title} ${customer.accountNumber} ${period.from} ${period.to}`}
      author={seller.legalName}
      language={locale}
    >
      {paginateStatement(statement, labels).map((blocks, pageIndex) => (
        <Page key={pageIndex} size="LETTER" style={styles.page}>
          <PageHeader statement={statement} labels={labels} locale={locale} />
          {blocks.map((block, i) => (
            <BlockView key={i} block={block} statement={statement} labels={labels} locale={locale} />
          ))}
          <View style={styles.footer} fixed>
            <Cell>
              {customer.legalName} - {customer.accountNumber}
            </Cell>
            <Text render={({ pageNumber, totalPages }) => labels.page(pageNumber, totalPages)} />
          </View>
        </Page>
      ))}
    </Document>
  );
}

function PageHeader({ statement, labels, locale }: StatementPdfProps) {
  const date = (iso: string) => formatStatementDate(iso, locale);
  const { seller, customer, period } = statement;
  return (
    <View style={styles.header} fixed>
      <View style={styles.headerTop}>
        <View>
          <Cell style={styles.sellerName}>{seller.legalName}</Cell>
          <Cell style={styles.muted}>
            {labels.taxId}: {seller.taxId}
          </Cell>
        </View>
        <View>
          <Cell style={styles.title}>{labels.title}</Cell>
          <Cell style={[styles.muted, { textAlign: "right" }]}>
            {labels.period}: {date(period.from)} - {date(period.to)}
          </Cell>
        </View>
      </View>
      <View style={styles.headerGrid}>
        <View style={styles.headerCol}>
          <HeaderLine label={labels.customer} value={customer.legalName} />
          <HeaderLine label={labels.taxId} value={customer.taxId} />
          <HeaderLine label={labels.accountNumber} value={customer.accountNumber} />
        </View>
        <View style={styles.headerCol}>
          <HeaderLine label={labels.currency} value={customer.currency} />
          <HeaderLine label={labels.paymentTerm} value={`${customer.paymentTermDays} ${labels.days}`} />
          <HeaderLine label={labels.creditLimit} value={formatMoney(customer.creditLimit, customer.currency, locale)} />
        </View>
      </View>
      <View style={styles.tableHead}>
        <Cell style={styles.cDate}>{labels.columns.date}</Cell>
        <Cell style={styles.cDoc}>{labels.columns.document}</Cell>
        <Cell style={styles.cConcept}>
          {labels.columns.concept} / {labels.columns.fiscalId}
        </Cell>
        <Cell style={styles.cDue}>{labels.columns.dueDate}</Cell>
        <Cell style={styles.cMoney}>{labels.columns.charge}</Cell>
        <Cell style={styles.cMoney}>{labels.columns.credit}</Cell>
        <Cell style={styles.cMoney}>{labels.columns.balance}</Cell>
        <Cell style={styles.cMoney}>{labels.columns.open}</Cell>
      </View>
    </View>
  );
}

function HeaderLine({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.headerLine}>
      <Cell style={styles.headerLabel}>{label}</Cell>
      <Cell style={styles.headerValue}>{value}</Cell>
    </View>
  );
}

function BlockView({ block, statement, labels, locale }: { block: Block } & StatementPdfProps) {
  const date = (iso: string) => formatStatementDate(iso, locale);
  switch (block.type) {
    case "sectionStart": {
      const money = (amount: string) => formatMoney(amount, block.section.currency, locale);
      return (
        <View wrap={false}>
          <Cell style={styles.sectionTitle}>
            {labels.currency}: {block.section.currency}
          </Cell>
          <View style={styles.bandRow}>
            <Cell style={styles.cDate}>{date(statement.period.from)}</Cell>
            <Cell style={[styles.cConcept, { paddingLeft: 58 }]}>{labels.openingBalance}</Cell>
            <Cell style={styles.cMoney}>{money(block.section.openingBalance)}</Cell>
            <Blank style={styles.cMoney} />
          </View>
        </View>
      );
    }
    case "movement":
      return (
        <MovementRow
          movement={block.movement}
          labels={labels}
          money={(a) => formatMoney(a, block.section.currency, locale)}
          date={date}
        />
      );
    case "noMovements":
      return (
        <View style={styles.row}>
          <Cell style={[styles.cConcept, { paddingLeft: 107 }]}>{labels.noMovements}</Cell>
        </View>
      );
    case "sectionEnd": {
      const money = (amount: string) => formatMoney(amount, block.section.currency, locale);
      return (
        <View wrap={false}>
          <View style={styles.bandRow}>
            <Cell style={[styles.cConcept, { paddingLeft: 107 }]}>{labels.totals}</Cell>
            <Cell style={styles.cMoney}>{money(block.section.totalCharges)}</Cell>
            <Cell style={styles.cMoney}>{money(block.section.totalCredits)}</Cell>
            <Blank style={styles.cMoney} />
            <Blank style={styles.cMoney} />
          </View>
          <View style={styles.bandRow}>
            <Cell style={styles.cDate}>{date(statement.period.to)}</Cell>
            <Cell style={[styles.cConcept, { paddingLeft: 58 }]}>{labels.closingBalance}</Cell>
            <Cell style={styles.cMoney}>{money(block.section.closingBalance)}</Cell>
            <Blank style={styles.cMoney} />
          </View>
        </View>
      );
    }
    case "aging":
      return <AgingTable section={block.section} labels={labels} locale={locale} />;
    case "notes":
      return (
        <View wrap={false}>
          <Cell style={styles.note}>{labels.overdueNote}</Cell>
          {block.multiCurrency ? <Cell style={styles.note}>{labels.currencyNote}</Cell> : null}
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
    <View style={styles.agingTable} wrap={false}>
      <Cell style={[styles.sectionTitle, { fontSize: 9 }]}>
        {labels.agingTitle} ({section.currency}) - {labels.agingAsOf} {formatStatementDate(section.aging.asOf, locale)}
      </Cell>
      <View style={[styles.tableHead, { marginTop: 0 }]}>
        <Cell style={styles.aBucket}>{labels.bucket}</Cell>
        <Cell style={styles.aCount}>{labels.count}</Cell>
        <Cell style={styles.aAmount}>{labels.amount}</Cell>
      </View>
      {AGING_BUCKETS.map((b) => (
        <View key={b} style={styles.agingRow}>
          <Cell style={styles.aBucket}>{labels.buckets[b]}</Cell>
          <Cell style={styles.aCount}>{section.aging.buckets[b].count}</Cell>
          <Cell style={styles.aAmount}>{money(section.aging.buckets[b].amount)}</Cell>
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
      <Cell style={styles.aAmount}>{value}</Cell>
    </View>
  );
}

function MovementRow({
  movement: m,
  labels,
  money,
  date,
}: {
  movement: StatementMovement;
  labels: StatementLabels;
  money: (amount: string) => string;
  date: (iso: string) => string;
}) {
  return (
    <View style={styles.row} wrap={false}>
      <Cell style={styles.cDate}>{date(m.issueDate)}</Cell>
      <Cell style={styles.cDoc}>{m.seriesFolio}</Cell>
      <View style={styles.cConcept}>
        <Cell>{getConcept(labels, m)}</Cell>
        {m.fiscalId ? <Cell style={styles.fiscal}>{m.fiscalId}</Cell> : null}
      </View>
      {m.effect === "charge" ? (
        <Cell style={[styles.cDue, m.overdue ? styles.overdue : {}]}>{date(m.dueDate)}</Cell>
      ) : (
        <Blank style={styles.cDue} />
      )}
      {m.charge ? <Cell style={styles.cMoney}>{money(m.charge)}</Cell> : <Blank style={styles.cMoney} />}
      {m.credit ? <Cell style={styles.cMoney}>{money(m.credit)}</Cell> : <Blank style={styles.cMoney} />}
      <Cell style={styles.cMoney}>{money(m.balance)}</Cell>
      {m.openAmount !== null ? (
        <Cell
          style={[styles.cMoney, m.overdue ? styles.overdue : {}]}
        >{`${money(m.openAmount)}${m.overdue ? " *" : ""}`}</Cell>
      ) : (
        <Blank style={styles.cMoney} />
      )}
    </View>
  );
}
