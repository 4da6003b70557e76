// Statement copy in Spanish and English, shared by the PDF, XLSX and CSV renderers. Only glyphs
// that built-in Helvetica (WinAnsi) has: accented letters yes, typographic dashes and symbols no.
import type { AgingBucket } from "~/domain/ledger/get-account-balances.server";
import type { MovementKind } from "./types";

export type StatementLanguage = "es" | "en";

const es = {
  title: "Estado de cuenta",
  seller: "Emisor",
  customer: "Cliente",
  taxId: "RFC / NIT",
  accountNumber: "Número de cliente",
  currency: "Moneda",
  paymentTerm: "Plazo de pago",
  days: "días",
  creditLimit: "Límite de crédito",
  period: "Periodo",
  agingAsOf: "Antigüedad al",
  page: (n: number, total: number) => `Página ${n} de ${total}`,
  columns: {
    date: "Fecha",
    document: "Documento",
    concept: "Concepto",
    fiscalId: "Folio fiscal",
    dueDate: "Vence",
    charge: "Cargo",
    credit: "Abono",
    balance: "Saldo",
    open: "Pendiente",
    overdue: "Vencido",
    disputed: "En aclaración",
    currency: "Moneda",
    rowType: "Tipo de fila",
  },
  openingBalance: "Saldo inicial",
  closingBalance: "Saldo final",
  totals: "Totales del periodo",
  noMovements: "Sin movimientos en el periodo",
  overdueNote: "* Documento vencido con saldo pendiente a la fecha de antigüedad.",
  currencyNote: "Cada moneda se presenta por separado; los importes de monedas distintas no se suman.",
  yes: "Sí",
  no: "No",
  agingTitle: "Antigüedad de saldos",
  bucket: "Rango",
  amount: "Importe",
  count: "Documentos",
  openCharges: "Cargos pendientes",
  unappliedCredits: "Abonos sin aplicar",
  netBalance: "Saldo neto",
  overdueTotal: "Total vencido",
  disputedTotal: "Total en aclaración",
  disputedMark: "(A)",
  disputedNote:
    "(A) Documento en aclaración: el monto indicado está en una aclaración abierta y no se cobra mientras se resuelve.",
  kinds: {
    invoice: "Factura",
    debit_note: "Nota de cargo",
    credit_note: "Nota de crédito",
    payment: "Pago",
    adjustment_charge: "Ajuste (cargo)",
    adjustment_credit: "Ajuste (abono)",
  },
  buckets: {
    current: "Por vencer",
    d1_30: "1-30 días",
    d31_60: "31-60 días",
    d61_90: "61-90 días",
    d91_180: "91-180 días",
    d180_plus: "Más de 180 días",
  } satisfies Record<AgingBucket, string>,
  sheetMovements: "Movimientos",
  sheetAging: "Antigüedad",
};

export type StatementLabels = typeof es;

const en: StatementLabels = {
  title: "Statement of account",
  seller: "Seller",
  customer: "Customer",
  taxId: "Tax ID",
  accountNumber: "Account number",
  currency: "Currency",
  paymentTerm: "Payment term",
  days: "days",
  creditLimit: "Credit limit",
  period: "Period",
  agingAsOf: "Aging as of",
  page: (n, total) => `Page ${n} of ${total}`,
  columns: {
    date: "Date",
    document: "Document",
    concept: "Description",
    fiscalId: "Fiscal ID",
    dueDate: "Due",
    charge: "Charge",
    credit: "Credit",
    balance: "Balance",
    open: "Open",
    overdue: "Overdue",
    disputed: "Under claim",
    currency: "Currency",
    rowType: "Row type",
  },
  openingBalance: "Opening balance",
  closingBalance: "Closing balance",
  totals: "Period totals",
  noMovements: "No movements in the period",
  overdueNote: "* Overdue document with an open amount at the aging date.",
  currencyNote: "Each currency is shown separately; amounts in different currencies are never added together.",
  yes: "Yes",
  no: "No",
  agingTitle: "Aging",
  bucket: "Bucket",
  amount: "Amount",
  count: "Documents",
  openCharges: "Open charges",
  unappliedCredits: "Unapplied credits",
  netBalance: "Net balance",
  overdueTotal: "Total overdue",
  disputedTotal: "Total under claim",
  disputedMark: "(C)",
  disputedNote:
    "(C) Document under claim: the amount shown is in an open claim and is not collected until it is resolved.",
  kinds: {
    invoice: "Invoice",
    debit_note: "Debit note",
    credit_note: "Credit note",
    payment: "Payment",
    adjustment_charge: "Adjustment (charge)",
    adjustment_credit: "Adjustment (credit)",
  },
  buckets: {
    current: "Current",
    d1_30: "1-30 days",
    d31_60: "31-60 days",
    d61_90: "61-90 days",
    d91_180: "91-180 days",
    d180_plus: "Over 180 days",
  },
  sheetMovements: "Movements",
  sheetAging: "Aging",
};

export function getStatementLabels(language: StatementLanguage): StatementLabels {
  return language === "en" ? en : es;
}

export function getKindLabel(labels: StatementLabels, kind: MovementKind, effect: "charge" | "credit"): string {
  if (kind === "adjustment")
    return effect === "charge" ? labels.kinds.adjustment_charge : labels.kinds.adjustment_credit;
  return labels.kinds[kind];
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-01-31" → "31/01/2026" (es) or "01/31/2026" (en-US), without shifting the calendar date. */
export function formatStatementDate(isoDate: string, locale: string): string {
  // Building an Intl formatter costs far more than using one; a statement formats thousands of dates.
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}
