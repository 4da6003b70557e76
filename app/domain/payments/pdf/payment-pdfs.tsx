// The payment PDFs, built with @react-pdf/renderer from plain data (rendered in the PDF worker pool):
// - the provisional receipt ("recibo provisional"): what the customer registered, with its own folio
//   (RP-n), the allocation it asked for and a clear legend that it is not yet confirmed;
// - the printed REP: the CFDI type P's fiscal data (UUID, issuer and receiver, stamp date) and, per
//   invoice, the instalment number, balance before, amount paid and unpaid balance after.
// Built-in Helvetica; every string goes through pdfText.
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { pdfText } from "~/domain/pdf/pdf-text";
import { formatStatementDate } from "~/domain/statements/labels";
import { type Currency, formatMoney } from "~/utils/money";

export type PaymentPdfLanguage = "es" | "en";

export interface ProvisionalReceiptData {
  folio: string;
  sellerName: string;
  sellerTaxId: string;
  accountNumber: string;
  accountName: string;
  accountTaxId: string;
  method: string;
  paidOn: string;
  depositDate: string | null;
  amount: string;
  currency: Currency;
  bank: string;
  reference: string;
  registeredAt: string;
  registeredBy: string;
  staffEntered: boolean;
  proof: string | null;
  status: string;
  allocations: { label: string; dueDate: string; amount: string }[];
  onAccount: string;
}

export interface RepPdfData {
  series: string;
  folio: string;
  uuid: string;
  issuedAt: string;
  sellerName: string;
  sellerTaxId: string;
  accountName: string;
  accountTaxId: string;
  paidOn: string;
  paymentForm: string;
  amount: string;
  currency: Currency;
  reference: string;
  /** Pesos per unit of a payment in another currency (TipoCambioP); null for pesos. */
  exchangeRate: string | null;
  invoices: {
    label: string;
    uuid: string;
    /** The invoice's currency (its instalment figures are in it). */
    currency: Currency;
    instalment: number;
    balanceBefore: string;
    paid: string;
    balanceAfter: string;
  }[];
}

const LABELS = {
  es: {
    receiptTitle: "Recibo provisional de pago",
    receiptLegend:
      "Este recibo confirma que registraste el pago. Queda en revisión hasta que el equipo de cobranza lo confirme contra el banco; entonces se aplica a tus facturas.",
    repTitle: "Recibo electrónico de pago (CFDI de tipo P, complemento Pagos 2.0)",
    repLegend: "Este documento es una representación impresa de un CFDI.",
    folio: "Folio",
    issuer: "Emisor",
    customer: "Cliente",
    account: "Cuenta",
    method: "Forma de pago",
    paidOn: "Fecha de pago",
    depositDate: "Fecha de depósito del cheque",
    amount: "Importe",
    bank: "Banco",
    reference: "Referencia",
    exchangeRate: "Tipo de cambio",
    registeredAt: "Registrado",
    registeredBy: "Registrado por",
    staffEntered: "Ingreso manual capturado por cobranza",
    proof: "Comprobante",
    status: "Estado",
    allocation: "Aplicación solicitada",
    document: "Documento",
    due: "Vencimiento",
    onAccount: "A cuenta (saldo a favor)",
    uuid: "Folio fiscal (UUID)",
    issuedAt: "Fecha de emisión y certificación",
    instalment: "Parcialidad",
    before: "Saldo anterior",
    paid: "Importe pagado",
    after: "Saldo insoluto",
    none: "Sin aplicación a facturas: todo queda a cuenta.",
  },
  en: {
    receiptTitle: "Provisional payment receipt",
    receiptLegend:
      "This receipt confirms you registered the payment. It stays in review until the collections team confirms it against the bank; then it is applied to your invoices.",
    repTitle: "Electronic payment receipt (CFDI type P, Payments 2.0 complement)",
    repLegend: "This document is a printed representation of a CFDI.",
    folio: "Folio",
    issuer: "Issuer",
    customer: "Customer",
    account: "Account",
    method: "Payment method",
    paidOn: "Payment date",
    depositDate: "Cheque deposit date",
    amount: "Amount",
    bank: "Bank",
    reference: "Reference",
    exchangeRate: "Exchange rate",
    registeredAt: "Registered",
    registeredBy: "Registered by",
    staffEntered: "Manual receipt entered by collections",
    proof: "Proof",
    status: "Status",
    allocation: "Requested allocation",
    document: "Document",
    due: "Due",
    onAccount: "On account (credit balance)",
    uuid: "Fiscal folio (UUID)",
    issuedAt: "Issued and certified",
    instalment: "Instalment",
    before: "Previous balance",
    paid: "Amount paid",
    after: "Unpaid balance",
    none: "Not allocated to invoices: all of it stays on account.",
  },
} as const;

const styles = StyleSheet.create({
  page: { padding: 36, fontFamily: "Helvetica", fontSize: 9, color: "#0f172a" },
  title: { fontFamily: "Helvetica-Bold", fontSize: 14, marginBottom: 6 },
  legend: { fontSize: 9, color: "#334155", marginBottom: 12 },
  row: { flexDirection: "row", marginBottom: 3 },
  label: { width: 160, color: "#475569" },
  value: { flex: 1 },
  section: { fontFamily: "Helvetica-Bold", fontSize: 11, marginTop: 14, marginBottom: 6 },
  th: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderColor: "#94a3b8",
    paddingBottom: 3,
    fontFamily: "Helvetica-Bold",
  },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#e2e8f0", paddingVertical: 3 },
  c1: { flex: 2 },
  c: { flex: 1, textAlign: "right" },
  mono: { fontFamily: "Courier", fontSize: 8 },
});

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.row}>
      <Text style={styles.label}>{pdfText(label)}</Text>
      <Text style={styles.value}>{pdfText(value)}</Text>
    </View>
  );
}

export function ProvisionalReceiptPdf({
  data,
  language,
  locale,
}: {
  data: ProvisionalReceiptData;
  language: PaymentPdfLanguage;
  locale: string;
}) {
  const l = LABELS[language];
  const money = (v: string) => formatMoney(v, data.currency, locale);
  return (
    <Document title={`${l.receiptTitle} ${data.folio}`}>
      <Page size="LETTER" style={styles.page}>
        <Text style={styles.title}>{pdfText(`${l.receiptTitle} ${data.folio}`)}</Text>
        <Text style={styles.legend}>{pdfText(l.receiptLegend)}</Text>
        <Line label={l.issuer} value={`${data.sellerName} · ${data.sellerTaxId}`} />
        <Line label={l.customer} value={`${data.accountName} · ${data.accountTaxId}`} />
        <Line label={l.account} value={data.accountNumber} />
        <Line label={l.status} value={data.status} />
        <Line label={l.method} value={data.method} />
        <Line label={l.paidOn} value={formatStatementDate(data.paidOn, locale)} />
        {data.depositDate ? <Line label={l.depositDate} value={formatStatementDate(data.depositDate, locale)} /> : null}
        <Line label={l.amount} value={`${money(data.amount)} ${data.currency}`} />
        <Line label={l.bank} value={data.bank} />
        <Line label={l.reference} value={data.reference} />
        {data.proof ? <Line label={l.proof} value={data.proof} /> : null}
        <Line label={l.registeredAt} value={data.registeredAt} />
        <Line label={l.registeredBy} value={data.registeredBy} />
        {data.staffEntered ? <Text style={styles.legend}>{pdfText(l.staffEntered)}</Text> : null}
        <Text style={styles.section}>{pdfText(l.allocation)}</Text>
        {data.allocations.length === 0 ? <Text>{pdfText(l.none)}</Text> : null}
        {data.allocations.length > 0 ? (
          <View>
            <View style={styles.th}>
              <Text style={styles.c1}>{pdfText(l.document)}</Text>
              <Text style={styles.c}>{pdfText(l.due)}</Text>
              <Text style={styles.c}>{pdfText(l.amount)}</Text>
            </View>
            {data.allocations.map((a) => (
              <View key={a.label} style={styles.tr}>
                <Text style={styles.c1}>{pdfText(a.label)}</Text>
                <Text style={styles.c}>{pdfText(formatStatementDate(a.dueDate, locale))}</Text>
                <Text style={styles.c}>{pdfText(money(a.amount))}</Text>
              </View>
            ))}
          </View>
        ) : null}
        <Line label={l.onAccount} value={money(data.onAccount)} />
      </Page>
    </Document>
  );
}

export function RepPdf({ data, language, locale }: { data: RepPdfData; language: PaymentPdfLanguage; locale: string }) {
  const l = LABELS[language];
  const money = (v: string) => formatMoney(v, data.currency, locale);
  return (
    <Document title={`${data.series}-${data.folio}`}>
      <Page size="LETTER" style={styles.page}>
        <Text style={styles.title}>{pdfText(l.repTitle)}</Text>
        <Text style={styles.legend}>{pdfText(l.repLegend)}</Text>
        <Line label={l.folio} value={`${data.series}-${data.folio}`} />
        <Line label={l.uuid} value={data.uuid} />
        <Line label={l.issuedAt} value={data.issuedAt} />
        <Line label={l.issuer} value={`${data.sellerName} · ${data.sellerTaxId}`} />
        <Line label={l.customer} value={`${data.accountName} · ${data.accountTaxId}`} />
        <Line label={l.paidOn} value={formatStatementDate(data.paidOn, locale)} />
        <Line label={l.method} value={data.paymentForm} />
        <Line label={l.amount} value={`${money(data.amount)} ${data.currency}`} />
        <Line label={l.reference} value={data.reference} />
        {data.exchangeRate ? (
          <Line label={l.exchangeRate} value={`${data.exchangeRate} MXN / ${data.currency}`} />
        ) : null}
        <Text style={styles.section}>{pdfText(l.document)}</Text>
        <View style={styles.th}>
          <Text style={styles.c1}>{pdfText(l.document)}</Text>
          <Text style={styles.c}>{pdfText(l.instalment)}</Text>
          <Text style={styles.c}>{pdfText(l.before)}</Text>
          <Text style={styles.c}>{pdfText(l.paid)}</Text>
          <Text style={styles.c}>{pdfText(l.after)}</Text>
        </View>
        {data.invoices.map((i) => (
          <View key={i.uuid} style={styles.tr}>
            <View style={styles.c1}>
              <Text>{pdfText(i.label)}</Text>
              <Text style={styles.mono}>{i.uuid}</Text>
            </View>
            <Text style={styles.c}>{String(i.instalment)}</Text>
            <Text style={styles.c}>{pdfText(formatMoney(i.balanceBefore, i.currency, locale))}</Text>
            <Text style={styles.c}>{pdfText(formatMoney(i.paid, i.currency, locale))}</Text>
            <Text style={styles.c}>{pdfText(formatMoney(i.balanceAfter, i.currency, locale))}</Text>
          </View>
        ))}
      </Page>
    </Document>
  );
}
