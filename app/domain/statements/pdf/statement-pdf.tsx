// The statement of account as a react-pdf document: a header (seller, customer, period, column
// titles) and a footer with "Page X of Y" repeated on every page, one block per currency with
// opening row, movements and running balance, closing row, and the aging table.
// Built-in Helvetica only (not embedded): labels avoid glyphs outside WinAnsi.
//
// Pages are cut here, not by react-pdf: one long wrapping page re-lays out everything left at each
// break, which took 94 s for 1,000 rows. Rows have a bounded height (descriptions are shortened),
// so an estimate per block fills each page; the pages still wrap if an estimate ever falls short.
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
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
  page: { paddingTop: 150, paddingBottom: 48, paddingHorizontal: 36, fontFamily: "Helvetica", fontSize: 7.5, color: INK },
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

// Usable height of a LETTER page between the fixed header and footer (792 − 150 − 48 = 594 pt), with slack.
const PAGE_BUDGET = 570;
const CONCEPT_CHARS_PER_LINE = 28;
const DESCRIPTION_MAX = 80;

function getConcept(labels: StatementLabels, m: StatementMovement): string {
  const description = m.description && m.description.length > DESCRIPTION_MAX ? `${m.description.slice(0, DESCRIPTION_MAX - 3)}...` : m.description;
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
    <Document title={`${labels.title} ${customer.accountNumber} ${period.from} ${period.to}`} author={seller.legalName} language={locale}>
      {paginateStatement(statement, labels).map((blocks, pageIndex) => (
        <Page key={pageIndex} size="LETTER" style={styles.page}>
          <PageHeader statement={statement} labels={labels} locale={locale} />
          {blocks.map((block, i) => (
            <BlockView key={i} block={block} statement={statement} labels={labels} locale={locale} />
          ))}
          <View style={styles.footer} fixed>
            <Text>
              {customer.legalName} - {customer.accountNumber}
            </Text>
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
          <Text style={styles.sellerName}>{seller.legalName}</Text>
          <Text style={styles.muted}>
            {labels.taxId}: {seller.taxId}
          </Text>
        </View>
        <View>
          <Text style={styles.title}>{labels.title}</Text>
          <Text style={[styles.muted, { textAlign: "right" }]}>
            {labels.period}: {date(period.from)} - {date(period.to)}
          </Text>
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
        <Text style={styles.cDate}>{labels.columns.date}</Text>
        <Text style={styles.cDoc}>{labels.columns.document}</Text>
        <Text style={styles.cConcept}>
          {labels.columns.concept} / {labels.columns.fiscalId}
        </Text>
        <Text style={styles.cDue}>{labels.columns.dueDate}</Text>
        <Text style={styles.cMoney}>{labels.columns.charge}</Text>
        <Text style={styles.cMoney}>{labels.columns.credit}</Text>
        <Text style={styles.cMoney}>{labels.columns.balance}</Text>
        <Text style={styles.cMoney}>{labels.columns.open}</Text>
      </View>
    </View>
  );
}

function HeaderLine({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.headerLine}>
      <Text style={styles.headerLabel}>{label}</Text>
      <Text style={styles.headerValue}>{value}</Text>
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
          <Text style={styles.sectionTitle}>
            {labels.currency}: {block.section.currency}
          </Text>
          <View style={styles.bandRow}>
            <Text style={styles.cDate}>{date(statement.period.from)}</Text>
            <Text style={[styles.cConcept, { paddingLeft: 58 }]}>{labels.openingBalance}</Text>
            <Text style={styles.cMoney}>{money(block.section.openingBalance)}</Text>
            <Text style={styles.cMoney} />
          </View>
        </View>
      );
    }
    case "movement":
      return <MovementRow movement={block.movement} labels={labels} money={(a) => formatMoney(a, block.section.currency, locale)} date={date} />;
    case "noMovements":
      return (
        <View style={styles.row}>
          <Text style={[styles.cConcept, { paddingLeft: 107 }]}>{labels.noMovements}</Text>
        </View>
      );
    case "sectionEnd": {
      const money = (amount: string) => formatMoney(amount, block.section.currency, locale);
      return (
        <View wrap={false}>
          <View style={styles.bandRow}>
            <Text style={[styles.cConcept, { paddingLeft: 107 }]}>{labels.totals}</Text>
            <Text style={styles.cMoney}>{money(block.section.totalCharges)}</Text>
            <Text style={styles.cMoney}>{money(block.section.totalCredits)}</Text>
            <Text style={styles.cMoney} />
            <Text style={styles.cMoney} />
          </View>
          <View style={styles.bandRow}>
            <Text style={styles.cDate}>{date(statement.period.to)}</Text>
            <Text style={[styles.cConcept, { paddingLeft: 58 }]}>{labels.closingBalance}</Text>
            <Text style={styles.cMoney}>{money(block.section.closingBalance)}</Text>
            <Text style={styles.cMoney} />
          </View>
        </View>
      );
    }
    case "aging":
      return <AgingTable section={block.section} labels={labels} locale={locale} />;
    case "notes":
      return (
        <View wrap={false}>
          <Text style={styles.note}>{labels.overdueNote}</Text>
          {block.multiCurrency ? <Text style={styles.note}>{labels.currencyNote}</Text> : null}
        </View>
      );
  }
}

function AgingTable({ section, labels, locale }: { section: StatementSection; labels: StatementLabels; locale: string }) {
  const money = (amount: string) => formatMoney(amount, section.currency, locale);
  return (
    <View style={styles.agingTable} wrap={false}>
      <Text style={[styles.sectionTitle, { fontSize: 9 }]}>
        {labels.agingTitle} ({section.currency}) - {labels.agingAsOf} {formatStatementDate(section.aging.asOf, locale)}
      </Text>
      <View style={[styles.tableHead, { marginTop: 0 }]}>
        <Text style={styles.aBucket}>{labels.bucket}</Text>
        <Text style={styles.aCount}>{labels.count}</Text>
        <Text style={styles.aAmount}>{labels.amount}</Text>
      </View>
      {AGING_BUCKETS.map((b) => (
        <View key={b} style={styles.agingRow}>
          <Text style={styles.aBucket}>{labels.buckets[b]}</Text>
          <Text style={styles.aCount}>{section.aging.buckets[b].count}</Text>
          <Text style={styles.aAmount}>{money(section.aging.buckets[b].amount)}</Text>
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
      <Text style={styles.aBucket}>{label}</Text>
      <Text style={styles.aAmount}>{value}</Text>
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
      <Text style={styles.cDate}>{date(m.issueDate)}</Text>
      <Text style={styles.cDoc}>{m.seriesFolio}</Text>
      <View style={styles.cConcept}>
        <Text>{getConcept(labels, m)}</Text>
        {m.fiscalId ? <Text style={styles.fiscal}>{m.fiscalId}</Text> : null}
      </View>
      <Text style={[styles.cDue, m.overdue ? styles.overdue : {}]}>{m.effect === "charge" ? date(m.dueDate) : ""}</Text>
      <Text style={styles.cMoney}>{m.charge ? money(m.charge) : ""}</Text>
      <Text style={styles.cMoney}>{m.credit ? money(m.credit) : ""}</Text>
      <Text style={styles.cMoney}>{money(m.balance)}</Text>
      <Text style={[styles.cMoney, m.overdue ? styles.overdue : {}]}>
        {m.openAmount !== null ? `${money(m.openAmount)}${m.overdue ? " *" : ""}` : ""}
      </Text>
    </View>
  );
}
