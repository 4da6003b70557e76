// The statement of account as a react-pdf document: a header (seller, customer, period, column
// titles) and a footer with "Page X of Y" repeated on every page, one block per currency with
// opening row, movements and running balance, closing row, and the aging table.
// Built-in Helvetica only (not embedded): labels avoid glyphs outside WinAnsi.
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

export function StatementPdf({ statement, labels, locale }: StatementPdfProps) {
  const date = (iso: string) => formatStatementDate(iso, locale);
  const { seller, customer, period } = statement;
  return (
    <Document title={`${labels.title} ${customer.accountNumber} ${period.from} ${period.to}`} author={seller.legalName} language={locale}>
      <Page size="LETTER" style={styles.page}>
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

        {statement.sections.map((section) => (
          <SectionBlock key={section.currency} section={section} statement={statement} labels={labels} locale={locale} />
        ))}
        <Text style={styles.note}>{labels.overdueNote}</Text>
        {statement.sections.length > 1 ? <Text style={styles.note}>{labels.currencyNote}</Text> : null}

        <View style={styles.footer} fixed>
          <Text>
            {customer.legalName} - {customer.accountNumber}
          </Text>
          <Text render={({ pageNumber, totalPages }) => labels.page(pageNumber, totalPages)} />
        </View>
      </Page>
    </Document>
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

function SectionBlock({ section, statement, labels, locale }: { section: StatementSection; statement: Statement } & Omit<StatementPdfProps, "statement">) {
  const money = (amount: string) => formatMoney(amount, section.currency, locale);
  const date = (iso: string) => formatStatementDate(iso, locale);
  return (
    <View>
      <Text style={styles.sectionTitle} minPresenceAhead={40}>
        {labels.currency}: {section.currency}
      </Text>
      <View style={styles.bandRow} wrap={false}>
        <Text style={styles.cDate}>{date(statement.period.from)}</Text>
        <Text style={[styles.cConcept, { paddingLeft: 58 }]}>{labels.openingBalance}</Text>
        <Text style={styles.cMoney}>{money(section.openingBalance)}</Text>
        <Text style={styles.cMoney} />
      </View>
      {section.movements.length === 0 ? (
        <View style={styles.row}>
          <Text style={[styles.cConcept, { paddingLeft: 107 }]}>{labels.noMovements}</Text>
        </View>
      ) : (
        section.movements.map((m) => <MovementRow key={m.documentId} movement={m} labels={labels} money={money} date={date} />)
      )}
      <View style={styles.bandRow} wrap={false}>
        <Text style={[styles.cConcept, { paddingLeft: 107 }]}>{labels.totals}</Text>
        <Text style={styles.cMoney}>{money(section.totalCharges)}</Text>
        <Text style={styles.cMoney}>{money(section.totalCredits)}</Text>
        <Text style={styles.cMoney} />
        <Text style={styles.cMoney} />
      </View>
      <View style={styles.bandRow} wrap={false}>
        <Text style={styles.cDate}>{date(statement.period.to)}</Text>
        <Text style={[styles.cConcept, { paddingLeft: 58 }]}>{labels.closingBalance}</Text>
        <Text style={styles.cMoney}>{money(section.closingBalance)}</Text>
        <Text style={styles.cMoney} />
      </View>

      <View style={styles.agingTable} wrap={false}>
        <Text style={[styles.sectionTitle, { fontSize: 9 }]}>
          {labels.agingTitle} ({section.currency}) - {labels.agingAsOf} {date(section.aging.asOf)}
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
  const concept = [getKindLabel(labels, m.kind, m.effect), m.description].filter(Boolean).join(" - ");
  return (
    <View style={styles.row} wrap={false}>
      <Text style={styles.cDate}>{date(m.issueDate)}</Text>
      <Text style={styles.cDoc}>{m.seriesFolio}</Text>
      <View style={styles.cConcept}>
        <Text>{concept}</Text>
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
