// The printable representation of an invoice or note, built from getDocumentDetail's data and the
// document's stored fiscal XML (read by readFiscalXml) with @react-pdf/renderer:
// - Mexico: what SAT's Anexo 20 asks of a CFDI's printed representation (codes with their catalogue
//   descriptions, uso CFDI, tipo de comprobante, CSD and SAT certificate numbers, stamp date, both
//   seals, the TFD's original chain and the verification QR).
// - Colombia: DIAN's graphic representation of a "factura electrónica de venta" (or note): the
//   numbering resolution and range, CUFE/CUDE and the DIAN QR; no Mexican legends.
// Fiscal values are printed from the XML, so paper and file agree. Uses the built-in Helvetica
// (WinAnsi): every string goes through `pdfText`. Seals and hashes are printed in Courier in lines we
// cut ourselves, so no line break (and no hyphen) ever lands inside them.
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import {
  CFDI_USES,
  CURRENCIES,
  DIAN_CREDIT_NOTE_CONCEPTS,
  DIAN_PAYMENT_MEANS,
  DIAN_TAX_LEVELS,
  EXPORT_CODES,
  PAYMENT_FORMS,
  PAYMENT_METHODS,
  RELATION_TYPES,
  TAX_REGIMES,
  VOUCHER_TYPES,
  describeCode,
} from "~/domain/fiscal/fiscal-catalogs";
import type { CfdiRecord, FiscalRecord, UblRecord } from "~/domain/fiscal/read-fiscal-xml";
import { pdfText } from "~/domain/pdf/pdf-text";
import { formatStatementDate } from "~/domain/statements/labels";
import { type Currency, formatMoney } from "~/utils/money";
import { formatAmountInWords } from "../amount-in-words";
import type { DocumentDetail } from "../get-document-detail.server";
import { QrCode } from "./qr-code";

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
    dianKind: {
      invoice: "Factura electrónica de venta",
      credit_note: "Nota crédito electrónica",
      debit_note: "Nota débito electrónica",
    },
    number: "No.",
    issuer: "Emisor",
    receiver: "Receptor",
    taxIdMX: "RFC",
    taxIdCO: "NIT",
    regime: "Régimen fiscal",
    responsibility: "Responsabilidad fiscal",
    postalCode: "C.P.",
    postalCodeCO: "Código postal",
    placeOfIssue: "Lugar de expedición",
    account: "Cuenta",
    serieFolio: "Serie y folio",
    fiscalIdMX: "Folio fiscal (UUID)",
    fiscalIdCO: "CUFE",
    fiscalIdCONote: "CUDE",
    voucherType: "Tipo de comprobante",
    cfdiUse: "Uso CFDI",
    issueDate: "Fecha de emisión",
    dueDate: "Fecha de vencimiento",
    paymentMethod: "Método de pago",
    paymentForm: "Forma de pago",
    paymentTerms: "Condiciones de pago",
    exportCode: "Exportación",
    exchangeRate: "Tipo de cambio",
    purchaseOrder: "Orden de compra",
    currency: "Moneda",
    remissions: "Remisiones",
    related: "CFDI relacionados",
    billingReference: "Factura que corrige",
    correction: "Concepto de corrección",
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
    certificate: "No. de serie del CSD del emisor",
    satCertificate: "No. de serie del certificado del SAT",
    stampedAt: "Fecha y hora de certificación",
    issuedAt: "Fecha y hora de emisión",
    provider: "RFC del proveedor de certificación",
    cfdSeal: "Sello digital del CFDI",
    satSeal: "Sello digital del SAT",
    stampChain: "Cadena original del complemento de certificación digital del SAT",
    verifyMX: "Verifique este comprobante en verificacfdi.facturaelectronica.sat.gob.mx o con el código QR.",
    footerMX: "Este documento es una representación impresa de un CFDI 4.0.",
    noXmlMX: "Sin CFDI timbrado: este documento no tiene XML fiscal almacenado.",
    resolution: (r: NonNullable<UblRecord["authorization"]>, date: (d: string) => string) =>
      `Resolución de facturación DIAN No. ${r.number} del ${date(r.startDate)}, vigente hasta ${date(r.endDate)}. ` +
      `Numeración autorizada: prefijo ${r.prefix} del ${r.from} al ${r.to}.`,
    verifyCO: "Consulte este documento en el catálogo de la DIAN con el código QR o con su CUFE.",
    verifyCONote: "Consulte este documento en el catálogo de la DIAN con el código QR o con su CUDE.",
    footerCO: {
      invoice: "Representación gráfica de la factura electrónica de venta.",
      credit_note: "Representación gráfica de la nota crédito electrónica.",
      debit_note: "Representación gráfica de la nota débito electrónica.",
    },
    noXmlCO: "Sin documento electrónico: este documento no tiene XML almacenado.",
    footer: "Documento interno de cartera.",
    page: "Página",
    of: "de",
  },
  en: {
    kind: {
      invoice: "Invoice",
      credit_note: "Credit note",
      debit_note: "Debit note",
      payment: "Payment",
      adjustment: "Adjustment",
    },
    dianKind: {
      invoice: "Electronic sales invoice",
      credit_note: "Electronic credit note",
      debit_note: "Electronic debit note",
    },
    number: "No.",
    issuer: "Issuer",
    receiver: "Bill to",
    taxIdMX: "RFC",
    taxIdCO: "NIT",
    regime: "Tax regime",
    responsibility: "Tax responsibility",
    postalCode: "Postal code",
    postalCodeCO: "Postal code",
    placeOfIssue: "Place of issue",
    account: "Account",
    serieFolio: "Series and folio",
    fiscalIdMX: "Fiscal ID (UUID)",
    fiscalIdCO: "CUFE",
    fiscalIdCONote: "CUDE",
    voucherType: "Voucher type",
    cfdiUse: "CFDI use",
    issueDate: "Issue date",
    dueDate: "Due date",
    paymentMethod: "Payment method",
    paymentForm: "Payment form",
    paymentTerms: "Payment terms",
    exportCode: "Export",
    exchangeRate: "Exchange rate",
    purchaseOrder: "Purchase order",
    currency: "Currency",
    remissions: "Delivery notes",
    related: "Related CFDIs",
    billingReference: "Invoice corrected",
    correction: "Correction concept",
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
    certificate: "Issuer's CSD serial number",
    satCertificate: "SAT certificate serial number",
    stampedAt: "Certification date and time",
    issuedAt: "Issue date and time",
    provider: "Certification provider RFC",
    cfdSeal: "CFDI digital seal",
    satSeal: "SAT digital seal",
    stampChain: "Original chain of the SAT digital certification complement",
    verifyMX: "Verify this voucher at verificacfdi.facturaelectronica.sat.gob.mx or with the QR code.",
    footerMX: "This document is a printed representation of a CFDI 4.0.",
    noXmlMX: "No stamped CFDI: this document has no stored fiscal XML.",
    resolution: (r: NonNullable<UblRecord["authorization"]>, date: (d: string) => string) =>
      `DIAN invoicing resolution No. ${r.number} of ${date(r.startDate)}, valid until ${date(r.endDate)}. ` +
      `Authorised numbering: prefix ${r.prefix} from ${r.from} to ${r.to}.`,
    verifyCO: "Look this document up in DIAN's catalogue with the QR code or its CUFE.",
    verifyCONote: "Look this document up in DIAN's catalogue with the QR code or its CUDE.",
    footerCO: {
      invoice: "Graphic representation of the electronic sales invoice.",
      credit_note: "Graphic representation of the electronic credit note.",
      debit_note: "Graphic representation of the electronic debit note.",
    },
    noXmlCO: "No electronic document: this document has no stored XML.",
    footer: "Internal receivables document.",
    page: "Page",
    of: "of",
  },
};

type Labels = (typeof LABELS)[PdfLanguage];

const colors = {
  ink: "#1f2933",
  muted: "#616e7c",
  line: "#cbd2d9",
  band: "#f0f4f8",
  accent: "#1d4e89",
  danger: "#b42318",
};

/** Courier's glyphs are all 0.6 em wide: a line of `width` points holds this many characters. */
const MONO_SIZE = 5.6;
const monoCharsPerLine = (width: number) => Math.floor(width / (MONO_SIZE * 0.6));
/** Content width of a LETTER page with our margins, less the block's padding. */
const CONTENT_WIDTH = 612 - 2 * 36 - 2 * 7;
/** Anexo 20 asks for at least 2.75 cm a side: 80 pt is 2.82 cm. */
const QR_SIZE = 80;

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
  titleNote: { fontSize: 7.5, textAlign: "right", marginTop: 2, color: colors.muted },
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
  fullLine: {
    paddingHorizontal: 6,
    paddingVertical: 5,
    borderWidth: 0.75,
    borderTopWidth: 0,
    borderColor: colors.line,
  },
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
  fiscal: { marginTop: 12, borderWidth: 0.75, borderColor: colors.line, borderRadius: 3, padding: 7 },
  fiscalTop: { flexDirection: "row" },
  fiscalFacts: { flex: 1, paddingLeft: 10, flexDirection: "row", flexWrap: "wrap" },
  fiscalFact: { width: "50%", paddingBottom: 4, paddingRight: 6 },
  mono: { fontFamily: "Courier", fontSize: MONO_SIZE, lineHeight: 1.25 },
  monoBlock: { marginTop: 5 },
  notice: { marginTop: 14, color: colors.muted },
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
  /** The document's stored fiscal XML, read back (null: none stored, e.g. a payment or an adjustment). */
  fiscal: FiscalRecord | null;
  language: PdfLanguage;
  /** Number and date formatting locale: es-MX, es-CO or en-US. */
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

/** Never hyphenate a word: identifiers (UUIDs, folios, RFCs) must print whole. */
const wholeWords = (word: string) => [word];

/** "2026-01-10T10:16:02" → "10/01/2026 10:16:02" in the reader's date format. */
function formatDateTime(value: string, locale: string): string {
  const [date, time = ""] = value.split("T");
  return `${formatStatementDate(date, locale)} ${time}`.trim();
}

/** "2026-01-10" and "10:15:00-05:00" → "10/01/2026 10:15:00 UTC-05:00". */
function formatUblDateTime(ubl: UblRecord, locale: string): string {
  return `${formatStatementDate(ubl.issueDate, locale)} ${ubl.issueTime.replace(/([+-]\d{2}:\d{2}|Z)$/, " UTC$1")}`;
}

/** Cuts a long token (a seal, a hash) into lines of at most `width` characters. */
export function cutLines(value: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < value.length; i += width) lines.push(value.slice(i, i + width));
  return lines;
}

function Fact({ label, value, width }: { label: string; value: string | null | undefined; width?: string }) {
  return (
    <View style={width ? [styles.fact, { width }] : styles.fact}>
      <Text style={styles.factLabel}>{pdfText(label)}</Text>
      <Text hyphenationCallback={wholeWords}>{pdfText(value && value.length > 0 ? value : "-")}</Text>
    </View>
  );
}

function MonoBlock({ label, value, width }: { label: string; value: string; width: number }) {
  return (
    <View style={styles.monoBlock} wrap={false}>
      <Text style={styles.factLabel}>{pdfText(label)}</Text>
      {cutLines(value, monoCharsPerLine(width)).map((line, i) => (
        <Text key={i} style={styles.mono} hyphenationCallback={wholeWords}>
          {line}
        </Text>
      ))}
    </View>
  );
}

/** The stamp: may split between pages, but the QR with its facts, and each seal, stay whole. */
function CfdiStampBlock({ cfdi, t, locale }: { cfdi: CfdiRecord; t: Labels; locale: string }) {
  return (
    <View style={styles.fiscal}>
      <View style={styles.fiscalTop} wrap={false}>
        <QrCode text={cfdi.verificationUrl} size={QR_SIZE} />
        <View style={styles.fiscalFacts}>
          <View style={[styles.fiscalFact, { width: "100%" }]}>
            <Text style={styles.factLabel}>{pdfText(t.fiscalIdMX)}</Text>
            <Text style={styles.strong} hyphenationCallback={wholeWords}>
              {cfdi.stamp.uuid}
            </Text>
          </View>
          <View style={styles.fiscalFact}>
            <Text style={styles.factLabel}>{pdfText(t.certificate)}</Text>
            <Text>{cfdi.certificateNumber}</Text>
          </View>
          <View style={styles.fiscalFact}>
            <Text style={styles.factLabel}>{pdfText(t.satCertificate)}</Text>
            <Text>{cfdi.stamp.satCertificateNumber}</Text>
          </View>
          <View style={styles.fiscalFact}>
            <Text style={styles.factLabel}>{pdfText(t.stampedAt)}</Text>
            <Text>{formatDateTime(cfdi.stamp.stampedAt, locale)}</Text>
          </View>
          <View style={styles.fiscalFact}>
            <Text style={styles.factLabel}>{pdfText(t.provider)}</Text>
            <Text>{pdfText(cfdi.stamp.providerRfc)}</Text>
          </View>
          <View style={[styles.fiscalFact, { width: "100%" }]}>
            <Text style={[styles.muted, { fontSize: 7 }]} hyphenationCallback={wholeWords}>
              {pdfText(t.verifyMX)}
            </Text>
          </View>
        </View>
      </View>
      <MonoBlock label={t.cfdSeal} value={cfdi.seal} width={CONTENT_WIDTH} />
      <MonoBlock label={t.satSeal} value={cfdi.stamp.satSeal} width={CONTENT_WIDTH} />
      <MonoBlock label={t.stampChain} value={cfdi.stampChain} width={CONTENT_WIDTH} />
    </View>
  );
}

function DianBlock({ ubl, t, locale }: { ubl: UblRecord; t: Labels; locale: string }) {
  const date = (d: string) => formatStatementDate(d, locale);
  const isInvoice = ubl.documentType === "invoice";
  const codeLabel = isInvoice ? t.fiscalIdCO : t.fiscalIdCONote;
  return (
    <View style={styles.fiscal} wrap={false}>
      <View style={styles.fiscalTop}>
        <QrCode text={ubl.qrUrl} size={QR_SIZE} />
        <View style={[styles.fiscalFacts, { flexDirection: "column" }]}>
          <Text style={styles.strong}>{pdfText(t.dianKind[ubl.documentType].toUpperCase())}</Text>
          <Text style={{ marginTop: 2 }}>{pdfText(`${t.number} ${ubl.id}`)}</Text>
          {ubl.authorization ? (
            <Text style={{ marginTop: 4 }} hyphenationCallback={wholeWords}>
              {pdfText(t.resolution(ubl.authorization, date))}
            </Text>
          ) : null}
          <Text style={{ marginTop: 4 }}>{pdfText(`${t.issuedAt}: ${formatUblDateTime(ubl, locale)}`)}</Text>
          <MonoBlock label={codeLabel} value={ubl.uniqueCode} width={CONTENT_WIDTH - QR_SIZE - 10} />
          <Text style={[styles.muted, { fontSize: 7, marginTop: 4 }]} hyphenationCallback={wholeWords}>
            {pdfText(isInvoice ? t.verifyCO : t.verifyCONote)}
          </Text>
        </View>
      </View>
    </View>
  );
}

export function InvoicePdf({ detail, fiscal, language, locale }: InvoicePdfProps) {
  const t = LABELS[language];
  const cfdi = fiscal?.standard === "cfdi" ? fiscal : null;
  const ubl = fiscal?.standard === "ubl" ? fiscal : null;
  const isCO = detail.country === "CO";
  const money = (amount: string) => pdfText(formatMoney(amount, detail.currency as Currency, locale));
  const date = (d: string) => formatStatementDate(d, locale);
  const taxIdLabel = isCO ? t.taxIdCO : t.taxIdMX;
  const subtotal = detail.subtotal ?? detail.amount;
  const taxTotal = detail.taxTotal ?? "0.00";
  const describe = (catalog: Parameters<typeof describeCode>[0], code: string | null | undefined) =>
    describeCode(catalog, code, language);
  const regime = (code: string) => (isCO ? describe(DIAN_TAX_LEVELS, code) : describe(TAX_REGIMES, code)) ?? code;
  const paymentForm = describe(PAYMENT_FORMS, cfdi?.paymentForm ?? detail.paymentForm);
  const paymentMethod = describe(PAYMENT_METHODS, cfdi?.paymentMethod ?? detail.paymentMethod);
  const title = ubl ? t.dianKind[ubl.documentType] : t.kind[detail.kind];
  const fiscalIdLabel = isCO ? (ubl && ubl.documentType !== "invoice" ? t.fiscalIdCONote : t.fiscalIdCO) : t.fiscalIdMX;
  const footer = cfdi ? t.footerMX : ubl ? t.footerCO[ubl.documentType] : t.footer;
  const issueDate = cfdi
    ? formatDateTime(cfdi.issuedAt, locale)
    : ubl
      ? formatUblDateTime(ubl, locale)
      : date(detail.issueDate);
  const isFiscalKind = detail.kind === "invoice" || detail.kind === "credit_note" || detail.kind === "debit_note";

  return (
    <Document
      title={`${t.kind[detail.kind]} ${detail.serieFolio}`}
      author={detail.seller.legalName}
      subject={detail.fiscalId ?? detail.serieFolio}
      language={language}
    >
      <Page size="LETTER" style={styles.page}>
        <View style={styles.header}>
          <View style={{ maxWidth: "58%" }}>
            <Text style={styles.sellerName}>{pdfText(detail.seller.legalName)}</Text>
            <Text>{pdfText(`${taxIdLabel}: ${cfdi?.issuer.rfc ?? detail.seller.taxId}`)}</Text>
            <Text>
              {pdfText(
                `${isCO ? t.responsibility : t.regime}: ${regime(cfdi?.issuer.taxRegime ?? detail.seller.taxRegime)}`,
              )}
            </Text>
            <Text>
              {pdfText(
                cfdi
                  ? `${t.placeOfIssue}: ${t.postalCode} ${cfdi.placeOfIssue}`
                  : `${isCO ? t.postalCodeCO : t.postalCode} ${detail.seller.postalCode}`,
              )}
            </Text>
          </View>
          <View style={{ maxWidth: "45%" }}>
            <Text style={ubl ? [styles.title, { fontSize: 12 }] : styles.title}>{pdfText(title.toUpperCase())}</Text>
            <Text style={styles.titleFolio}>{pdfText(ubl ? `${t.number} ${ubl.id}` : detail.serieFolio)}</Text>
            {cfdi ? (
              <Text style={styles.titleNote}>
                {pdfText(`CFDI ${cfdi.version} · ${t.voucherType}: ${describe(VOUCHER_TYPES, cfdi.voucherType)}`)}
              </Text>
            ) : null}
            {detail.documentStatus === "cancelled" ? <Text style={styles.cancelled}>{t.cancelled}</Text> : null}
          </View>
        </View>

        <View style={styles.row}>
          <View style={styles.box}>
            <Text style={styles.boxTitle}>{pdfText(t.receiver)}</Text>
            <Text style={styles.strong}>{pdfText(detail.customer.legalName)}</Text>
            <Text>{pdfText(`${taxIdLabel}: ${cfdi?.receiver.rfc ?? detail.customer.taxId}`)}</Text>
            <Text>
              {pdfText(
                `${isCO ? t.responsibility : t.regime}: ${regime(cfdi?.receiver.taxRegime ?? detail.customer.taxRegime)}`,
              )}
            </Text>
            <Text>
              {pdfText(
                `${isCO ? t.postalCodeCO : t.postalCode} ${cfdi?.receiver.postalCode ?? detail.customer.postalCode}`,
              )}
            </Text>
            {cfdi ? <Text>{pdfText(`${t.cfdiUse}: ${describe(CFDI_USES, cfdi.receiver.cfdiUse)}`)}</Text> : null}
            <Text style={styles.muted}>{pdfText(`${t.account} ${detail.customer.accountNumber}`)}</Text>
          </View>
        </View>

        <View style={styles.facts}>
          <Fact label={t.serieFolio} value={detail.serieFolio} />
          <Fact label={fiscal ? t.issuedAt : t.issueDate} value={issueDate} />
          {detail.kind === "invoice" ? <Fact label={t.dueDate} value={date(detail.dueDate)} /> : null}
          {isCO ? (
            <Fact label={t.paymentForm} value={describe(DIAN_PAYMENT_MEANS, ubl?.paymentMeans)} />
          ) : (
            <>
              <Fact label={t.paymentMethod} value={paymentMethod} />
              <Fact label={t.paymentForm} value={paymentForm} />
            </>
          )}
          <Fact
            label={t.currency}
            value={
              cfdi?.exchangeRate
                ? `${describe(CURRENCIES, cfdi.currency)} (${t.exchangeRate} ${cfdi.exchangeRate})`
                : describe(CURRENCIES, cfdi?.currency ?? ubl?.currency ?? detail.currency)
            }
          />
          {cfdi?.paymentTerms ? <Fact label={t.paymentTerms} value={cfdi.paymentTerms} /> : null}
          {cfdi ? <Fact label={t.exportCode} value={describe(EXPORT_CODES, cfdi.exportCode)} /> : null}
          <Fact label={t.purchaseOrder} value={detail.purchaseOrder} />
          <Fact label={t.remissions} value={detail.remissions.map((r) => r.number).join(", ")} />
          {ubl?.billingReference ? (
            <Fact label={t.billingReference} value={ubl.billingReferences.map((r) => r.id).join(", ")} />
          ) : null}
          {ubl?.discrepancy ? (
            <Fact label={t.correction} value={describe(DIAN_CREDIT_NOTE_CONCEPTS, ubl.discrepancy.code)} />
          ) : null}
        </View>
        {/* The fiscal ID is long (a CUFE is 96 hex digits): it gets a full-width line of its own. */}
        <View style={styles.fullLine}>
          <Text style={styles.factLabel}>{pdfText(fiscalIdLabel)}</Text>
          <Text style={styles.strong} hyphenationCallback={wholeWords}>
            {pdfText(cfdi?.stamp.uuid ?? ubl?.uniqueCode ?? detail.fiscalId ?? "-")}
          </Text>
        </View>
        {cfdi && cfdi.related.length > 0
          ? cfdi.related.map((group) => (
              <View key={group.relationType} style={styles.fullLine}>
                <Text style={styles.factLabel}>
                  {pdfText(`${t.related}: ${describe(RELATION_TYPES, group.relationType)}`)}
                </Text>
                <Text hyphenationCallback={wholeWords}>{group.uuids.join("  ")}</Text>
              </View>
            ))
          : null}

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

        {cfdi ? <CfdiStampBlock cfdi={cfdi} t={t} locale={locale} /> : null}
        {ubl ? <DianBlock ubl={ubl} t={t} locale={locale} /> : null}
        {!fiscal && isFiscalKind ? <Text style={styles.notice}>{pdfText(isCO ? t.noXmlCO : t.noXmlMX)}</Text> : null}

        <View style={styles.footer} fixed>
          <Text>{pdfText(footer)}</Text>
          <Text render={({ pageNumber, totalPages }) => `${t.page} ${pageNumber} ${t.of} ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}
