// The printable representation of an invoice or note, built from getDocumentDetail's data with
// @react-pdf/renderer. Uses the built-in Helvetica (WinAnsi): every string goes through `pdfText`, which
// replaces characters Helvetica cannot draw (narrow no-break spaces from Intl, dashes, symbols).
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { pdfText } from "~/domain/pdf/pdf-text";
import { type Currency, formatMoney } from "~/utils/money";
import { formatAmountInWords } from "../amount-in-words";
import type { DocumentDetail } from "../get-document-detail.server";

export type PdfLanguage = "es" | "en";

const LABELS = {
  es: {
    kind: {
      invoice: "Factura",
      credit_note: "Nota de crédito",
      debit_note: "Nota de cargo",
      payment: "Pago",
      adjustment: "Ajuste",
    },
    issuer: "Emisor",
    receiver: "Receptor",
    taxIdMX: "RFC",
    taxIdCO: "NIT",
    regime: "Régimen fiscal",
    postalCode: "C.P.",
    account: "Cuenta",
    serieFolio: "Serie y folio",
    fiscalIdMX: "Folio fiscal (UUID)",
    fiscalIdCO: "CUFE",
    issueDate: "Fecha de emisión",
    dueDate: "Fecha de vencimiento",
    paymentMethod: "Método de pago",
    paymentForm: "Forma de pago",
    purchaseOrder: "Orden de compra",
    currency: "Moneda",
    remissions: "Remisiones",
    qty: "Cantidad",
    unit: "Unidad",
    description: "Descripción",
    unitPrice: "Precio unitario",
    amount: "Importe",
    subtotal: "Subtotal",
    taxes: "Impuestos",
    total: "Total",
    inWords: "Importe con letra",
    open: "Saldo pendiente",
    cancelled: "CANCELADO",
    noLines: "Sin conceptos desglosados.",
    footer: "Representación impresa de un comprobante fiscal digital.",
    page: "Página",
    of: "de",
    methods: { PUE: "PUE - Pago en una sola exhibición", PPD: "PPD - Pago en parcialidades o diferido" } as Record<
      string,
      string
    >,
  },
  en: {
    kind: {
      invoice: "Invoice",
      credit_note: "Credit note",
      debit_note: "Debit note",
      payment: "Payment",
      adjustment: "Adjustment",
    },
    issuer: "Issuer",
    receiver: "Bill to",
    taxIdMX: "RFC",
    taxIdCO: "NIT",
    regime: "Tax regime",
    postalCode: "Postal code",
    account: "Account",
    serieFolio: "Series and folio",
    fiscalIdMX: "Fiscal ID (UUID)",
    fiscalIdCO: "CUFE",
    issueDate: "Issue date",
    dueDate: "Due date",
    paymentMethod: "Payment method",
    paymentForm: "Payment form",
    purchaseOrder: "Purchase order",
    currency: "Currency",
    remissions: "Delivery notes",
    qty: "Qty",
    unit: "Unit",
    description: "Description",
    unitPrice: "Unit price",
    amount: "Amount",
    subtotal: "Subtotal",
    taxes: "Taxes",
    total: "Total",
    inWords: "Total in words",
    open: "Balance due",
    cancelled: "CANCELLED",
    noLines: "No itemised lines.",
    footer: "Printed representation of a digital tax document.",
    page: "Page",
    of: "of",
    methods: { PUE: "PUE - Paid in one payment", PPD: "PPD - Paid in instalments or later" } as Record<string, string>,
  },
} as const;

/** SAT FormaPago codes customers meet most often; unknown codes print as they are. */
const PAYMENT_FORMS: Record<string, { es: string; en: string }> = {
  "01": { es: "Efectivo", en: "Cash" },
  "02": { es: "Cheque nominativo", en: "Cheque" },
  "03": { es: "Transferencia electrónica", en: "Wire transfer" },
  "04": { es: "Tarjeta de crédito", en: "Credit card" },
  "28": { es: "Tarjeta de débito", en: "Debit card" },
  "99": { es: "Por definir", en: "To be defined" },
};

const colors = {
  ink: "#1f2933",
  muted: "#616e7c",
  line: "#cbd2d9",
  band: "#f0f4f8",
  accent: "#1d4e89",
  danger: "#b42318",
};

const styles = StyleSheet.create({
  page: {
    fontFamily: "Helvetica",
    fontSize: 8.5,
    color: colors.ink,
    paddingTop: 36,
    paddingBottom: 48,
    paddingHorizontal: 36,
  },
  header: { flexDirection: "row", justifyContent: "space-between", marginBottom: 14 },
  sellerName: { fontFamily: "Helvetica-Bold", fontSize: 13, color: colors.accent, marginBottom: 3 },
  title: { fontFamily: "Helvetica-Bold", fontSize: 14, textAlign: "right" },
  titleFolio: { fontSize: 11, textAlign: "right", marginTop: 2 },
  cancelled: { fontFamily: "Helvetica-Bold", fontSize: 11, color: colors.danger, textAlign: "right", marginTop: 4 },
  muted: { color: colors.muted },
  row: { flexDirection: "row" },
  box: { flex: 1, borderWidth: 0.75, borderColor: colors.line, borderRadius: 3, padding: 7 },
  boxTitle: {
    fontFamily: "Helvetica-Bold",
    fontSize: 7.5,
    color: colors.muted,
    textTransform: "uppercase",
    marginBottom: 4,
  },
  strong: { fontFamily: "Helvetica-Bold" },
  facts: {
    flexDirection: "row",
    flexWrap: "wrap",
    marginTop: 10,
    borderWidth: 0.75,
    borderColor: colors.line,
    borderRadius: 3,
  },
  fact: { width: "33.33%", padding: 6 },
  factLabel: { fontSize: 7, color: colors.muted, marginBottom: 1.5 },
  table: { marginTop: 12 },
  th: {
    flexDirection: "row",
    backgroundColor: colors.band,
    borderBottomWidth: 0.75,
    borderColor: colors.line,
    paddingVertical: 4,
  },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: colors.line, paddingVertical: 3.5 },
  thText: { fontFamily: "Helvetica-Bold", fontSize: 7.5 },
  cQty: { width: "10%", paddingHorizontal: 4, textAlign: "right" },
  cUnit: { width: "9%", paddingHorizontal: 4 },
  cDesc: { width: "47%", paddingHorizontal: 4 },
  cPrice: { width: "16%", paddingHorizontal: 4, textAlign: "right" },
  cAmount: { width: "18%", paddingHorizontal: 4, textAlign: "right" },
  bottom: { flexDirection: "row", marginTop: 12 },
  words: { flex: 1, paddingRight: 16 },
  totals: { width: 200 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2.5 },
  grandTotal: {
    flexDirection: "row",
    justifyContent: "space-between",
    paddingVertical: 4,
    borderTopWidth: 1,
    borderColor: colors.ink,
    marginTop: 2,
  },
  openRow: {
    flexDirection: "row",
    justifyContent: "space-between",
    paddingVertical: 4,
    marginTop: 6,
    backgroundColor: colors.band,
    paddingHorizontal: 4,
  },
  footer: {
    position: "absolute",
    bottom: 20,
    left: 36,
    right: 36,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 7,
    color: colors.muted,
  },
});

export interface InvoicePdfProps {
  detail: DocumentDetail;
  language: PdfLanguage;
  /** Number formatting locale: es-MX, es-CO or en-US. */
  locale: string;
}

/** Quantities and unit prices carry four decimals in the ledger; print them without trailing zeros (at least two for prices). */
function formatDecimal(value: string, locale: string, minDigits: number): string {
  const [, fraction = ""] = value.split(".");
  const digits = Math.max(minDigits, fraction.replace(/0+$/, "").length);
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value as unknown as number,
  );
}

function Fact({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <View style={styles.fact}>
      <Text style={styles.factLabel}>{pdfText(label)}</Text>
      <Text>{pdfText(value && value.length > 0 ? value : "-")}</Text>
    </View>
  );
}

export function InvoicePdf({ detail, language, locale }: InvoicePdfProps) {
  const t = LABELS[language];
  const money = (amount: string) => pdfText(formatMoney(amount, detail.currency as Currency, locale));
  const taxIdLabel = detail.country === "CO" ? t.taxIdCO : t.taxIdMX;
  const fiscalIdLabel = detail.country === "CO" ? t.fiscalIdCO : t.fiscalIdMX;
  const subtotal = detail.subtotal ?? detail.amount;
  const taxTotal = detail.taxTotal ?? "0.00";
  const paymentForm = detail.paymentForm
    ? `${detail.paymentForm}${PAYMENT_FORMS[detail.paymentForm] ? ` - ${PAYMENT_FORMS[detail.paymentForm][language]}` : ""}`
    : null;
  const paymentMethod = detail.paymentMethod ? (t.methods[detail.paymentMethod] ?? detail.paymentMethod) : null;
  const title = `${t.kind[detail.kind]} ${detail.serieFolio}`;

  return (
    <Document
      title={title}
      author={detail.seller.legalName}
      subject={detail.fiscalId ?? detail.serieFolio}
      language={language}
    >
      <Page size="LETTER" style={styles.page}>
        <View style={styles.header}>
          <View style={{ maxWidth: "60%" }}>
            <Text style={styles.sellerName}>{pdfText(detail.seller.legalName)}</Text>
            <Text>{pdfText(`${taxIdLabel}: ${detail.seller.taxId}`)}</Text>
            <Text>{pdfText(`${t.regime}: ${detail.seller.taxRegime}`)}</Text>
            <Text>{pdfText(`${t.postalCode} ${detail.seller.postalCode}`)}</Text>
          </View>
          <View>
            <Text style={styles.title}>{pdfText(t.kind[detail.kind].toUpperCase())}</Text>
            <Text style={styles.titleFolio}>{pdfText(detail.serieFolio)}</Text>
            {detail.documentStatus === "cancelled" ? <Text style={styles.cancelled}>{t.cancelled}</Text> : null}
          </View>
        </View>

        <View style={styles.row}>
          <View style={styles.box}>
            <Text style={styles.boxTitle}>{pdfText(t.receiver)}</Text>
            <Text style={styles.strong}>{pdfText(detail.customer.legalName)}</Text>
            <Text>{pdfText(`${taxIdLabel}: ${detail.customer.taxId}`)}</Text>
            <Text>{pdfText(`${t.regime}: ${detail.customer.taxRegime}`)}</Text>
            <Text>{pdfText(`${t.postalCode} ${detail.customer.postalCode}`)}</Text>
            <Text style={styles.muted}>{pdfText(`${t.account} ${detail.customer.accountNumber}`)}</Text>
          </View>
        </View>

        <View style={styles.facts}>
          <Fact label={t.serieFolio} value={detail.serieFolio} />
          <Fact label={t.issueDate} value={detail.issueDate} />
          <Fact label={t.dueDate} value={detail.dueDate} />
          <Fact label={t.paymentMethod} value={paymentMethod} />
          <Fact label={t.paymentForm} value={paymentForm} />
          <Fact label={t.currency} value={detail.currency} />
          <Fact label={t.purchaseOrder} value={detail.purchaseOrder} />
          <Fact label={t.remissions} value={detail.remissions.map((r) => r.number).join(", ")} />
        </View>
        {/* The fiscal ID is long (a CUFE is 96 hex digits): it gets a full-width line of its own. */}
        <View
          style={{
            paddingHorizontal: 6,
            paddingVertical: 5,
            borderWidth: 0.75,
            borderTopWidth: 0,
            borderColor: colors.line,
          }}
        >
          <Text style={styles.factLabel}>{pdfText(fiscalIdLabel)}</Text>
          <Text style={styles.strong}>{pdfText(detail.fiscalId ?? "-")}</Text>
        </View>

        <View style={styles.table}>
          <View style={styles.th} fixed>
            <Text style={[styles.thText, styles.cQty]}>{t.qty}</Text>
            <Text style={[styles.thText, styles.cUnit]}>{t.unit}</Text>
            <Text style={[styles.thText, styles.cDesc]}>{pdfText(t.description)}</Text>
            <Text style={[styles.thText, styles.cPrice]}>{t.unitPrice}</Text>
            <Text style={[styles.thText, styles.cAmount]}>{t.amount}</Text>
          </View>
          {detail.lines.length === 0 ? (
            <View style={styles.tr}>
              <Text style={[styles.cDesc, styles.muted, { width: "100%" }]}>{pdfText(t.noLines)}</Text>
            </View>
          ) : (
            detail.lines.map((line) => (
              <View key={line.lineNo} style={styles.tr} wrap={false}>
                <Text style={styles.cQty}>{pdfText(formatDecimal(line.quantity, locale, 0))}</Text>
                <Text style={styles.cUnit}>{pdfText(line.unit)}</Text>
                <View style={styles.cDesc}>
                  <Text>{pdfText(line.description)}</Text>
                  <Text style={[styles.muted, { fontSize: 7 }]}>
                    {pdfText(`${line.sku} · ${line.productCode} · ${line.unitCode}`)}
                  </Text>
                </View>
                <Text style={styles.cPrice}>{pdfText(formatDecimal(line.unitPrice, locale, 2))}</Text>
                <Text style={styles.cAmount}>{money(line.subtotal)}</Text>
              </View>
            ))
          )}
        </View>

        <View style={styles.bottom} wrap={false}>
          <View style={styles.words}>
            <Text style={styles.factLabel}>{pdfText(t.inWords)}</Text>
            <Text style={styles.strong}>{pdfText(formatAmountInWords(detail.amount, detail.currency))}</Text>
            {detail.notes ? <Text style={[styles.muted, { marginTop: 8 }]}>{pdfText(detail.notes)}</Text> : null}
          </View>
          <View style={styles.totals}>
            <View style={styles.totalRow}>
              <Text>{t.subtotal}</Text>
              <Text>{money(subtotal)}</Text>
            </View>
            <View style={styles.totalRow}>
              <Text>{t.taxes}</Text>
              <Text>{money(taxTotal)}</Text>
            </View>
            <View style={styles.grandTotal}>
              <Text style={styles.strong}>{t.total}</Text>
              <Text style={styles.strong}>{money(detail.amount)}</Text>
            </View>
            {detail.documentStatus === "issued" ? (
              <View style={styles.openRow}>
                <Text style={styles.strong}>{t.open}</Text>
                <Text style={styles.strong}>{money(detail.open)}</Text>
              </View>
            ) : null}
          </View>
        </View>

        <View style={styles.footer} fixed>
          <Text>{pdfText(t.footer)}</Text>
          <Text render={({ pageNumber, totalPages }) => `${t.page} ${pageNumber} ${t.of} ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}
