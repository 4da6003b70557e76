// One invoice or note as a customer sees it: fiscal data of both parties, lines, remissions, every
// application with the open amount after it, related documents and stored files. Scoped to the
// caller's accounts: a document outside them is "not found" (null).
import Decimal from "decimal.js";
import { sql } from "drizzle-orm";
import { DISPUTING_CLAIM_STATUSES, disputedAmountSql } from "~/domain/claims/disputed-amounts.server";
import { getOpenAmounts } from "~/domain/ledger/get-account-balances.server";
import type { Country } from "~/domain/vocabulary";
import { type DbOrTx, queryRows, sqlList } from "~/utils/db.server";
import { type Currency, type MoneyString, dec, toMoney } from "~/utils/money";
import type { DocumentStatusLabel } from "./list-documents.server";
import { DUE_SOON_DAYS } from "./schemas";

export type LedgerDocumentKind = "invoice" | "credit_note" | "debit_note" | "payment" | "adjustment";

export interface PartyFiscalData {
  legalName: string;
  /** RFC (MX) or NIT (CO). */
  taxId: string;
  taxRegime: string;
  postalCode: string;
}

export interface DocumentDetailLine {
  id: string;
  lineNo: number;
  sku: string;
  description: string;
  unit: string;
  productCode: string;
  unitCode: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  subtotal: MoneyString;
  tax: MoneyString;
  total: MoneyString;
}

export interface DocumentDetailApplication {
  id: string;
  appliedOn: string;
  /** Positive for an application, negative for a reversal row. */
  amount: MoneyString;
  /** The other document: the credit that paid this charge, or the charge this credit paid. */
  counterpart: { id: string; kind: LedgerDocumentKind; serieFolio: string; issueDate: string };
  isReversal: boolean;
  /** The application this row reverses (reversal rows only). */
  reversesId: string | null;
  /** Set on an application that a later row reversed. */
  reversedById: string | null;
  reason: string | null;
  /** This document's open amount right after the row (charges: left to pay; credits: left to apply). */
  openAfter: MoneyString;
}

export interface RelatedDocument {
  id: string;
  kind: LedgerDocumentKind;
  serieFolio: string;
  issueDate: string;
  fiscalId: string | null;
  /** Net amount applied between the two documents, reversals subtracted. */
  appliedAmount: MoneyString;
}

export interface DocumentDetailFile {
  fileId: string;
  role: "xml" | "pdf";
  fileName: string;
  mediaType: string;
  size: number;
}

export interface DocumentDetail {
  id: string;
  accountId: string;
  accountNumber: string;
  kind: LedgerDocumentKind;
  effect: "charge" | "credit";
  series: string;
  folio: string;
  serieFolio: string;
  fiscalId: string | null;
  country: Country;
  issueDate: string;
  dueDate: string;
  currency: Currency;
  amount: MoneyString;
  subtotal: MoneyString | null;
  taxTotal: MoneyString | null;
  documentStatus: "issued" | "cancelled";
  status: DocumentStatusLabel;
  /** PUE / PPD. */
  paymentMethod: string | null;
  /** SAT FormaPago code, e.g. "03". */
  paymentForm: string | null;
  purchaseOrder: string | null;
  reference: string | null;
  notes: string | null;
  seller: PartyFiscalData & { country: Country; timeZone: string };
  customer: PartyFiscalData & { accountNumber: string };
  lines: DocumentDetailLine[];
  remissions: { number: string; deliveryDate: string; receivedBy: string | null }[];
  applications: DocumentDetailApplication[];
  /** Open amount as of `asOf` (zero when cancelled). */
  open: MoneyString;
  daysOverdue: number;
  asOf: string;
  related: RelatedDocument[];
  files: DocumentDetailFile[];
  /** What open claims dispute on it ("en aclaración"), and those claims; null and [] when nothing. */
  disputed: MoneyString | null;
  disputedClaims: { id: string; number: number }[];
}

interface HeaderRow {
  id: string;
  account_id: string;
  kind: LedgerDocumentKind;
  effect: "charge" | "credit";
  series: string;
  folio: string;
  fiscal_id: string | null;
  issue_date: string;
  due_date: string;
  currency: Currency;
  amount: string;
  subtotal: string | null;
  tax_total: string | null;
  status: "issued" | "cancelled";
  payment_method: string | null;
  payment_form: string | null;
  purchase_order: string | null;
  reference: string | null;
  notes: string | null;
  as_of: string;
  seller_name: string;
  seller_tax_id: string;
  seller_regime: string;
  seller_postal_code: string;
  seller_country: Country;
  seller_time_zone: string;
  account_number: string;
  customer_name: string;
  customer_tax_id: string;
  customer_regime: string;
  customer_postal_code: string;
  disputed: string | null;
  disputed_claims: { id: string; number: number }[] | string | null;
}

/**
 * `asOf` defaults to today in the seller's time zone (computed by the database), so a detail page and
 * a list computed for the same day agree.
 */
export async function getDocumentDetail(
  db: DbOrTx,
  input: { accountIds: string[]; documentId: string; asOf?: string },
): Promise<DocumentDetail | null> {
  const accountIds = [...new Set(input.accountIds)];
  if (accountIds.length === 0 || !input.documentId) return null;
  if (input.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.asOf))
    throw new Error(`asOf must be YYYY-MM-DD, got ${input.asOf}`);

  const asOfSql = input.asOf ? sql`${input.asOf}::date` : sql`(now() at time zone s.time_zone)::date`;
  const [header] = await queryRows<HeaderRow>(
    db,
    sql`
    select d.id, d.account_id, d.kind, d.effect, d.series, d.folio, d.fiscal_id,
      d.issue_date::text as issue_date, d.due_date::text as due_date, d.currency,
      d.amount::text as amount, d.subtotal::text as subtotal, d.tax_total::text as tax_total, d.status,
      d.payment_method, d.payment_form, d.purchase_order, d.reference, d.notes,
      ${asOfSql}::text as as_of,
      s.legal_name as seller_name, s.tax_id as seller_tax_id, s.tax_regime as seller_regime,
      s.postal_code as seller_postal_code, s.country as seller_country, s.time_zone as seller_time_zone,
      ca.number as account_number, ca.legal_name as customer_name, ca.tax_id as customer_tax_id,
      ca.tax_regime as customer_regime, ca.postal_code as customer_postal_code,
      ${disputedAmountSql(sql`d.id`)}::numeric(18,2)::text as disputed,
      (select json_agg(json_build_object('id', c.id, 'number', c.number) order by c.number) from claims c
        where c.status in (${sqlList(DISPUTING_CLAIM_STATUSES)})
          and exists (select 1 from claim_documents cd where cd.claim_id = c.id and cd.document_id = d.id)) as disputed_claims
    from documents d
    join sellers s on s.id = d.seller_id
    join customer_accounts ca on ca.id = d.account_id
    where d.id = ${input.documentId} and d.account_id in (${sqlList(accountIds)})`,
  );
  if (!header) return null;

  const counterpartColumn = header.effect === "charge" ? sql`a.source_id` : sql`a.target_id`;
  const ownColumn = header.effect === "charge" ? sql`a.target_id` : sql`a.source_id`;
  const [openAmounts, lines, remissionRows, applicationRows, files] = await Promise.all([
    getOpenAmounts(db, [header.id], header.as_of),
    queryRows<Record<string, string | number>>(
      db,
      sql`
      select id, line_no, sku, description, unit, product_code, unit_code, quantity::text as quantity,
        unit_price::text as unit_price, tax_rate::text as tax_rate, subtotal::text as subtotal, tax::text as tax, total::text as total
      from invoice_lines where document_id = ${header.id} order by line_no`,
    ),
    queryRows<{ number: string; delivery_date: string; received_by: string | null }>(
      db,
      sql`
      select number, delivery_date::text as delivery_date, received_by from remissions
      where invoice_id = ${header.id} order by delivery_date, number`,
    ),
    // The counterpart is joined with the same account scope: the ledger keeps both sides in one account,
    // and this makes sure a broken row could never reveal another customer's document.
    queryRows<{
      id: string;
      applied_on: string;
      amount: string;
      reverses_id: string | null;
      reversed_by_id: string | null;
      reason: string | null;
      other_id: string;
      other_kind: LedgerDocumentKind;
      other_series: string;
      other_folio: string;
      other_issue_date: string;
      other_fiscal_id: string | null;
    }>(
      db,
      sql`
      select a.id, a.applied_on::text as applied_on, a.amount::text as amount, a.reverses_id,
        (select r.id from applications r where r.reverses_id = a.id) as reversed_by_id, a.reason,
        o.id as other_id, o.kind as other_kind, o.series as other_series, o.folio as other_folio,
        o.issue_date::text as other_issue_date, o.fiscal_id as other_fiscal_id
      from applications a
      join documents o on o.id = ${counterpartColumn} and o.account_id in (${sqlList(accountIds)})
      where ${ownColumn} = ${header.id}
      order by a.applied_on, a.created_at, a.id`,
    ),
    queryRows<{ file_id: string; role: "xml" | "pdf"; file_name: string; media_type: string; size: string | number }>(
      db,
      sql`
      select f.file_id, f.role, f.file_name, s.media_type, s.size
      from document_files f join stored_files s on s.id = f.file_id
      where f.document_id = ${header.id} and f.role in ('xml', 'pdf')
      order by f.role, f.attached_at desc`,
    ),
  ]);

  let running = dec(header.amount);
  const applications: DocumentDetailApplication[] = applicationRows.map((a) => {
    running = running.minus(a.amount);
    return {
      id: a.id,
      appliedOn: a.applied_on,
      amount: a.amount,
      counterpart: {
        id: a.other_id,
        kind: a.other_kind,
        serieFolio: `${a.other_series}-${a.other_folio}`,
        issueDate: a.other_issue_date,
      },
      isReversal: a.reverses_id !== null,
      reversesId: a.reverses_id,
      reversedById: a.reversed_by_id,
      reason: a.reason,
      openAfter: toMoney(running),
    };
  });

  const relatedById = new Map<string, { row: (typeof applicationRows)[number]; net: Decimal }>();
  for (const a of applicationRows) {
    const entry = relatedById.get(a.other_id) ?? { row: a, net: new Decimal(0) };
    entry.net = entry.net.plus(a.amount);
    relatedById.set(a.other_id, entry);
  }
  // A document whose applications were all reversed no longer paid (or was paid by) this one.
  const related: RelatedDocument[] = [...relatedById.values()]
    .filter((e) => e.net.greaterThan(0))
    .map((e) => ({
      id: e.row.other_id,
      kind: e.row.other_kind,
      serieFolio: `${e.row.other_series}-${e.row.other_folio}`,
      issueDate: e.row.other_issue_date,
      fiscalId: e.row.other_fiscal_id,
      appliedAmount: toMoney(e.net),
    }));

  const asOf = header.as_of;
  const open = header.status === "cancelled" ? "0.00" : toMoney(openAmounts.get(header.id) ?? header.amount);
  const isOpen = dec(open).greaterThan(0);
  const daysOverdue =
    header.effect === "charge" && isOpen && header.due_date < asOf ? daysBetween(header.due_date, asOf) : 0;
  const status: DocumentStatusLabel =
    header.status === "cancelled"
      ? "cancelled"
      : !isOpen
        ? header.effect === "charge"
          ? "paid"
          : "applied"
        : header.effect === "charge" && header.due_date < asOf
          ? "overdue"
          : header.effect === "charge" && daysBetween(asOf, header.due_date) <= DUE_SOON_DAYS
            ? "due_soon"
            : "open";

  return {
    id: header.id,
    accountId: header.account_id,
    accountNumber: header.account_number,
    kind: header.kind,
    effect: header.effect,
    series: header.series,
    folio: header.folio,
    serieFolio: `${header.series}-${header.folio}`,
    fiscalId: header.fiscal_id,
    country: header.seller_country,
    issueDate: header.issue_date,
    dueDate: header.due_date,
    currency: header.currency,
    amount: header.amount,
    subtotal: header.subtotal,
    taxTotal: header.tax_total,
    documentStatus: header.status,
    status,
    paymentMethod: header.payment_method,
    paymentForm: header.payment_form,
    purchaseOrder: header.purchase_order,
    reference: header.reference,
    notes: header.notes,
    seller: {
      legalName: header.seller_name,
      taxId: header.seller_tax_id,
      taxRegime: header.seller_regime,
      postalCode: header.seller_postal_code,
      country: header.seller_country,
      timeZone: header.seller_time_zone,
    },
    customer: {
      accountNumber: header.account_number,
      legalName: header.customer_name,
      taxId: header.customer_tax_id,
      taxRegime: header.customer_regime,
      postalCode: header.customer_postal_code,
    },
    lines: lines.map((l) => ({
      id: String(l.id),
      lineNo: Number(l.line_no),
      sku: String(l.sku),
      description: String(l.description),
      unit: String(l.unit),
      productCode: String(l.product_code),
      unitCode: String(l.unit_code),
      quantity: String(l.quantity),
      unitPrice: String(l.unit_price),
      taxRate: String(l.tax_rate),
      subtotal: String(l.subtotal),
      tax: String(l.tax),
      total: String(l.total),
    })),
    remissions: remissionRows.map((r) => ({
      number: r.number,
      deliveryDate: r.delivery_date,
      receivedBy: r.received_by,
    })),
    applications,
    open,
    daysOverdue,
    asOf,
    related,
    files: files.map((f) => ({
      fileId: f.file_id,
      role: f.role,
      fileName: f.file_name,
      mediaType: f.media_type,
      size: Number(f.size),
    })),
    disputed: header.disputed,
    disputedClaims:
      typeof header.disputed_claims === "string"
        ? (JSON.parse(header.disputed_claims) as DocumentDetail["disputedClaims"])
        : (header.disputed_claims ?? []),
  };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
