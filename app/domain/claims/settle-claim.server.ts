// What settles an accepted claim in the ledger, in the transaction of its resolution (resolveClaim
// calls settleClaim right after the conditional update that resolved it, so a double submit or two
// staff resolving at once settle once: the loser's update finds no row and everything rolls back):
//
// - credit_note: a credit note for the accepted amount, applied to the disputed charges (each up to
//   what it disputed and never above its open amount); in Mexico a CFDI 4.0 type E related to the
//   invoices by their UUIDs (CfdiRelacionados TipoRelacion 01), in Colombia a UBL 2.1 CreditNote that
//   references each invoice by its CUFE (a BillingReference per invoice);
// - rebate: the same, as a rebate (bonificación: SAT FormaPago 15, DIAN concept 3, a service line);
//   a claim disputing no document gets an unapplied rebate on account;
// - reinvoice: the disputed invoice is cancelled (its applications reversed, cancel-invoice.server.ts)
//   and a corrected invoice (its amount less the accepted amount) is issued in its place (CFDI related
//   by TipoRelacion 04, "sustitución"), and the credits that had paid the old one are applied to it.
//
// Documents go through issueDocuments and applyCredits (the ledger's own rules, stored open amounts
// and audit events); the settlement row links the claim to them and `claim.settled` records it.
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import { asc, desc, eq, inArray } from "drizzle-orm";
import {
  claimDocuments,
  claimSettlements,
  customerAccounts,
  documents,
  invoiceLines,
  remissions,
  sellers,
} from "#db/schema";
import { recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import { buildCfdiXml } from "~/domain/fiscal/build-cfdi-xml";
import { buildUblXml } from "~/domain/fiscal/build-ubl-xml";
import type { FiscalLineInput, FiscalParty } from "~/domain/fiscal/fiscal-types";
import { type LineTemplate, linesForAmount } from "~/domain/fiscal/lines-for-amount";
import { applyCredits } from "~/domain/ledger/apply-credits.server";
import { cancelInvoice } from "~/domain/ledger/cancel-invoice.server";
import { LedgerRuleError } from "~/domain/ledger/errors";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { nextFolio } from "~/domain/ledger/next-folio.server";
import type { ClaimSettlementKind, Country, Currency } from "~/domain/vocabulary";
import { wallTimeIn } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { dec, toMoney } from "~/utils/money";
import type { ClaimRow } from "./claim-transition.server";
import { ClaimRuleError } from "./errors";
import type { StaffActor } from "./staff-access.server";

export interface ClaimSettlement {
  kind: ClaimSettlementKind;
  documentId: string;
  cancelledDocumentId: string | null;
  amount: string;
  currency: Currency;
}

/** The line of a rebate (a service, not goods), as the seed's rebates carry it. */
const SERVICE_LINE: Record<Country, Pick<LineTemplate, "productCode" | "unitCode" | "unit">> = {
  MX: { productCode: "84111506", unitCode: "ACT", unit: "Actividad" },
  CO: { productCode: "84111506", unitCode: "94", unit: "Unidad" },
};
const STANDARD_TAX: Record<Country, string> = { MX: "0.16", CO: "0.19" };
const ROUNDING = "Ajuste por redondeo";
const encoder = new TextEncoder();

type Line = typeof invoiceLines.$inferSelect;

interface Disputed {
  documentId: string;
  lineId: string | null;
  disputed: string;
}

interface Target {
  id: string;
  kind: string;
  effect: "charge" | "credit";
  status: "issued" | "cancelled";
  series: string;
  folio: string;
  fiscalId: string | null;
  issueDate: string;
  dueDate: string;
  currency: Currency;
  amount: string;
  open: string;
  subtotal: string | null;
  taxTotal: string | null;
  paymentMethod: string | null;
  paymentForm: string | null;
  purchaseOrder: string | null;
}

const fiscalLine = (l: Line): FiscalLineInput => ({
  sku: l.sku,
  description: l.description,
  unit: l.unit,
  productCode: l.productCode,
  unitCode: l.unitCode,
  quantity: l.quantity,
  unitPrice: l.unitPrice,
  taxRate: dec(l.taxRate).toFixed(),
});

/** The tax rate of a document without lines: the standard rate when it carries tax, else zero. */
function rateOf(target: Target, country: Country): string {
  return target.taxTotal && dec(target.taxTotal).greaterThan(0) ? STANDARD_TAX[country] : "0";
}

/** Splits the accepted amount over the disputed rows in their order, each up to what it disputed. */
function allocate(rows: Disputed[], accepted: Decimal) {
  let left = accepted;
  const out: (Disputed & { amount: Decimal })[] = [];
  for (const r of rows) {
    if (left.lte(0)) break;
    const amount = Decimal.min(left, r.disputed);
    out.push({ ...r, amount });
    left = left.minus(amount);
  }
  if (left.gt(0)) throw new ClaimRuleError("claim.accepted_amount_invalid");
  return out;
}

/**
 * Settles the resolved claim `claim` (as returned by the resolving update) the way `kind` says. Call
 * inside the resolution's transaction, after its conditional update.
 */
export async function settleClaim(
  tx: DbOrTx,
  staff: StaffActor,
  input: { claim: ClaimRow; kind: ClaimSettlementKind; now: Date },
): Promise<ClaimSettlement> {
  try {
    return await settle(tx, staff, input);
  } catch (error) {
    // A ledger rule refused (the rules above should have caught it first): a refusal, not a crash.
    if (error instanceof LedgerRuleError) throw new ClaimRuleError("claim.settlement_invalid", error.message);
    throw error;
  }
}

async function settle(
  tx: DbOrTx,
  staff: StaffActor,
  input: { claim: ClaimRow; kind: ClaimSettlementKind; now: Date },
): Promise<ClaimSettlement> {
  const { claim, kind, now } = input;
  if (claim.status !== "resolved" || claim.resolution === "rejected" || !claim.acceptedAmount)
    throw new ClaimRuleError("claim.settlement_invalid");
  const accepted = dec(claim.acceptedAmount);
  if (accepted.lte(0)) throw new ClaimRuleError("claim.settlement_invalid");

  const [context] = await tx
    .select({
      country: sellers.country,
      timeZone: sellers.timeZone,
      sellerId: sellers.id,
      issuer: {
        taxId: sellers.taxId,
        legalName: sellers.legalName,
        taxRegime: sellers.taxRegime,
        postalCode: sellers.postalCode,
      },
      receiver: {
        taxId: customerAccounts.taxId,
        legalName: customerAccounts.legalName,
        taxRegime: customerAccounts.taxRegime,
        postalCode: customerAccounts.postalCode,
      },
      accountCurrency: customerAccounts.currency,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(eq(customerAccounts.id, claim.accountId));
  const rows: Disputed[] = await tx
    .select({
      documentId: claimDocuments.documentId,
      lineId: claimDocuments.lineId,
      disputed: claimDocuments.disputedAmount,
    })
    .from(claimDocuments)
    .where(eq(claimDocuments.claimId, claim.id))
    .orderBy(asc(claimDocuments.id));

  // The disputed documents, locked (id order) so their open amounts hold until the transaction ends.
  const ids = [...new Set(rows.map((r) => r.documentId))].sort();
  if (ids.length > 0)
    await tx
      .select({ id: documents.id })
      .from(documents)
      .where(inArray(documents.id, ids))
      .orderBy(documents.id)
      .for("update");
  const targets: Target[] =
    ids.length === 0
      ? []
      : await tx
          .select({
            id: documents.id,
            kind: documents.kind,
            effect: documents.effect,
            status: documents.status,
            series: documents.series,
            folio: documents.folio,
            fiscalId: documents.fiscalId,
            issueDate: documents.issueDate,
            dueDate: documents.dueDate,
            currency: documents.currency,
            amount: documents.amount,
            open: documents.openAmount,
            subtotal: documents.subtotal,
            taxTotal: documents.taxTotal,
            paymentMethod: documents.paymentMethod,
            paymentForm: documents.paymentForm,
            purchaseOrder: documents.purchaseOrder,
          })
          .from(documents)
          .where(inArray(documents.id, ids));
  const byId = new Map(targets.map((t) => [t.id, t]));
  if (targets.some((t) => t.effect !== "charge" || t.status !== "issued"))
    throw new ClaimRuleError("claim.settlement_invalid");
  const currencies = new Set(targets.map((t) => t.currency));
  if (currencies.size > 1) throw new ClaimRuleError("claim.settlement_invalid");
  const currency = targets[0]?.currency ?? context.accountCurrency;
  if (ids.length === 0 && kind !== "rebate") throw new ClaimRuleError("claim.settlement_invalid");

  const allocations = allocate(rows, accepted);
  const perDocument = new Map<string, Decimal>();
  for (const a of allocations) perDocument.set(a.documentId, (perDocument.get(a.documentId) ?? dec(0)).plus(a.amount));
  for (const [id, amount] of perDocument)
    if (amount.gt(byId.get(id)!.open)) throw new ClaimRuleError("claim.settlement_above_open");

  const lines =
    ids.length === 0
      ? []
      : await tx
          .select()
          .from(invoiceLines)
          .where(inArray(invoiceLines.documentId, ids))
          .orderBy(asc(invoiceLines.documentId), asc(invoiceLines.lineNo));
  const linesOf = (documentId: string) => lines.filter((l) => l.documentId === documentId);

  const country = context.country;
  const today = todayIn(context.timeZone, now);
  const localTime = (offsetSeconds: number) =>
    wallTimeIn(new Date(now.getTime() + offsetSeconds * 1000), context.timeZone).replace(" ", "T");
  const issuer: FiscalParty = context.issuer;
  const receiver: FiscalParty = context.receiver;
  const fiscal = { country, today, localTime, issuer, receiver, currency };

  let settlement: Omit<ClaimSettlement, "amount" | "currency">;
  let applied: { documentId: string; amount: string }[];
  if (kind === "reinvoice") {
    const result = await reinvoice(tx, staff, { claim, perDocument, byId, linesOf, rows, fiscal });
    settlement = { kind, documentId: result.documentId, cancelledDocumentId: result.cancelledId };
    applied = result.applied;
  } else {
    const noteLines: FiscalLineInput[] = [];
    for (const a of allocations) {
      const target = byId.get(a.documentId)!;
      const own = linesOf(a.documentId);
      const source = (a.lineId ? own.find((l) => l.id === a.lineId) : undefined) ?? maxBy(own, (l) => dec(l.total));
      const what = source
        ? `${source.description} (${target.series}-${target.folio})`
        : `factura ${target.series}-${target.folio}`;
      const template: LineTemplate =
        kind === "rebate"
          ? {
              sku: "BON-ACL",
              description: `Bonificación, aclaración ${claim.number}: ${what}`,
              ...SERVICE_LINE[country],
              taxRate: source ? dec(source.taxRate).toFixed() : rateOf(target, country),
            }
          : source
            ? {
                ...fiscalLine(source),
                description: `Nota de crédito, aclaración ${claim.number}: ${what}`,
              }
            : {
                sku: "NC-ACL",
                description: `Nota de crédito, aclaración ${claim.number}: ${what}`,
                ...SERVICE_LINE[country],
                taxRate: rateOf(target, country),
              };
      noteLines.push(...linesForAmount(template, toMoney(a.amount), ROUNDING));
    }
    if (noteLines.length === 0)
      noteLines.push(
        ...linesForAmount(
          {
            sku: "BON-ACL",
            description: `Bonificación, aclaración ${claim.number}`,
            ...SERVICE_LINE[country],
            taxRate: STANDARD_TAX[country],
          },
          toMoney(accepted),
          ROUNDING,
        ),
      );
    // Every invoice the note is applied to, each named once (CFDI relacionados, UBL BillingReference).
    const credited = ids
      .filter((id) => perDocument.has(id))
      .map((id) => byId.get(id)!)
      .sort((x, y) => `${x.issueDate} ${x.series} ${x.folio}`.localeCompare(`${y.issueDate} ${y.series} ${y.folio}`));
    const noteId = await issueCreditNote(tx, staff, {
      claim,
      rebate: kind === "rebate",
      lines: noteLines,
      credited,
      fiscal,
    });
    applied = [...perDocument].map(([documentId, amount]) => ({ documentId, amount: toMoney(amount) }));
    if (applied.length > 0)
      await applyCredits(
        tx,
        staff,
        applied.map((a) => ({ sourceId: noteId, targetId: a.documentId, amount: a.amount, appliedOn: today })),
      );
    settlement = { kind, documentId: noteId, cancelledDocumentId: null };
  }

  const amount = toMoney(accepted);
  await tx.insert(claimSettlements).values({
    claimId: claim.id,
    kind: settlement.kind,
    documentId: settlement.documentId,
    cancelledDocumentId: settlement.cancelledDocumentId,
    amount,
    currency,
    createdById: staff.userId,
    createdAt: now,
  });
  await recordAuditEvent(tx, staff, {
    action: "claim.settled",
    entityType: "claim",
    entityId: claim.id,
    accountId: claim.accountId,
    after: { ...settlement, amount, currency, applied },
  });
  return { ...settlement, amount, currency };
}

function maxBy<T>(items: T[], key: (t: T) => Decimal): T | undefined {
  let best: T | undefined;
  for (const item of items) if (!best || key(item).gt(key(best))) best = item;
  return best;
}

interface FiscalContext {
  country: Country;
  today: string;
  localTime: (offsetSeconds: number) => string;
  issuer: FiscalParty;
  receiver: FiscalParty;
  currency: Currency;
}

const xmlFile = (series: string, folio: string, xml: string) => ({
  role: "xml" as const,
  fileName: `${series}-${folio}.xml`,
  mediaType: "application/xml",
  content: encoder.encode(xml),
});

/** DIAN credit-note concept for the claim: 1 return, 3 rebate/discount, 4 price correction. */
function dianConcept(claim: ClaimRow, rebate: boolean): "1" | "3" | "4" {
  if (rebate) return "3";
  return claim.type === "damaged_or_returned" || claim.type === "quantity_or_remission" ? "1" : "4";
}

function mxCurrency(currency: Currency): "MXN" | "USD" {
  if (currency === "COP") throw new ClaimRuleError("claim.settlement_invalid");
  return currency;
}
function coCurrency(currency: Currency): "COP" | "USD" {
  if (currency === "MXN") throw new ClaimRuleError("claim.settlement_invalid");
  return currency;
}

async function issueCreditNote(
  tx: DbOrTx,
  staff: StaffActor,
  input: { claim: ClaimRow; rebate: boolean; lines: FiscalLineInput[]; credited: Target[]; fiscal: FiscalContext },
): Promise<string> {
  const { claim, rebate, lines, credited, fiscal } = input;
  const series = "NC";
  const sellerId = claim.sellerId;
  const folio = await nextFolio(tx, { sellerId, kind: "credit_note", series });
  const notes = rebate
    ? `Bonificación por la aclaración ${claim.number}`
    : `Nota de crédito por la aclaración ${claim.number}`;
  let xml: string;
  let fiscalId: string;
  const paymentForm = rebate ? "15" : "17";
  if (fiscal.country === "MX") {
    fiscalId = randomUUID();
    const uuids = credited.map((t) => t.fiscalId).filter((u): u is string => !!u);
    xml = buildCfdiXml({
      kind: "credit_note",
      series,
      folio,
      issuedAt: fiscal.localTime(0),
      currency: mxCurrency(fiscal.currency),
      paymentMethod: "PUE",
      paymentForm,
      cfdiUse: "G02",
      issuer: fiscal.issuer,
      receiver: fiscal.receiver,
      lines,
      related: uuids.length > 0 ? { relationType: "01", uuids: uuids.slice(0, 50) } : undefined,
      stamp: { uuid: fiscalId, stampedAt: fiscal.localTime(80) },
    });
  } else {
    const built = buildUblXml({
      kind: "credit_note",
      prefix: series,
      number: folio,
      issueDate: fiscal.today,
      issueTime: `${fiscal.localTime(0).slice(11)}-05:00`,
      currency: coCurrency(fiscal.currency),
      supplier: fiscal.issuer,
      customer: fiscal.receiver,
      lines,
      note: notes,
      creditNoteConcept: dianConcept(claim, rebate),
      billingReferences: credited.flatMap((t) =>
        t.fiscalId ? [{ id: `${t.series}${t.folio}`, cufe: t.fiscalId, issueDate: t.issueDate }] : [],
      ),
    });
    xml = built.xml;
    fiscalId = built.cufe;
  }
  const [issued] = await issueDocuments(tx, staff, [
    {
      accountId: claim.accountId,
      kind: "credit_note",
      series,
      folio,
      fiscalId,
      issueDate: fiscal.today,
      currency: fiscal.currency,
      paymentMethod: fiscal.country === "MX" ? "PUE" : null,
      paymentForm: fiscal.country === "MX" ? paymentForm : null,
      notes,
      lines,
      files: [xmlFile(series, folio, xml)],
    },
  ]);
  return issued.id;
}

/**
 * The corrected invoice's lines: the original's, less `reduction`, taken from the disputed lines
 * first and then from the largest: a line the reduction covers is dropped, the next is re-priced
 * (one line of quantity 1 for what is left of it). A document without lines gets one service line.
 */
function correctedLines(
  claim: ClaimRow,
  target: Target,
  own: Line[],
  disputedLineIds: string[],
  reduction: Decimal,
  country: Country,
): FiscalLineInput[] {
  const corrected = dec(target.amount).minus(reduction);
  if (corrected.lte(0)) throw new ClaimRuleError("claim.settlement_leaves_nothing");
  if (own.length === 0) {
    return linesForAmount(
      {
        sku: "FAC-ACL",
        description: `Factura ${target.series}-${target.folio} corregida (aclaración ${claim.number})`,
        ...SERVICE_LINE[country],
        taxRate: rateOf(target, country),
      },
      toMoney(corrected),
      ROUNDING,
    );
  }
  const order = [
    ...disputedLineIds.map((id) => own.find((l) => l.id === id)).filter((l): l is Line => !!l),
    ...[...own].filter((l) => !disputedLineIds.includes(l.id)).sort((a, b) => dec(b.total).comparedTo(a.total)),
  ];
  const replaced = new Map<string, FiscalLineInput[]>();
  let left = reduction;
  for (const line of order) {
    if (left.lte(0)) break;
    if (dec(line.total).lte(left)) {
      replaced.set(line.id, []);
      left = left.minus(line.total);
    } else {
      const quantity = dec(line.quantity).toFixed();
      replaced.set(
        line.id,
        linesForAmount(
          {
            ...fiscalLine(line),
            description: `${line.description} (${quantity} ${line.unit}; importe corregido, aclaración ${claim.number})`,
          },
          toMoney(dec(line.total).minus(left)),
          ROUNDING,
        ),
      );
      left = dec(0);
    }
  }
  const out = own.flatMap((l) => replaced.get(l.id) ?? [fiscalLine(l)]);
  if (out.length === 0) throw new ClaimRuleError("claim.settlement_leaves_nothing");
  return out;
}

async function reinvoice(
  tx: DbOrTx,
  staff: StaffActor,
  input: {
    claim: ClaimRow;
    perDocument: Map<string, Decimal>;
    byId: Map<string, Target>;
    linesOf: (id: string) => Line[];
    rows: Disputed[];
    fiscal: FiscalContext;
  },
) {
  const { claim, perDocument, byId, linesOf, rows, fiscal } = input;
  if (byId.size !== 1 || perDocument.size !== 1) throw new ClaimRuleError("claim.settlement_invalid");
  const [[oldId, reduction]] = [...perDocument];
  const old = byId.get(oldId)!;
  if (old.kind !== "invoice") throw new ClaimRuleError("claim.settlement_invalid");
  const lines = correctedLines(
    claim,
    old,
    linesOf(oldId),
    rows.map((r) => r.lineId).filter((id): id is string => !!id),
    reduction,
    fiscal.country,
  );
  const oldRemissions = await tx
    .select({ number: remissions.number, deliveryDate: remissions.deliveryDate, receivedBy: remissions.receivedBy })
    .from(remissions)
    .where(eq(remissions.invoiceId, oldId))
    .orderBy(asc(remissions.number));
  const cancelled = await cancelInvoice(tx, staff, {
    documentId: oldId,
    cancelledOn: fiscal.today,
    reason: `Refacturación por la aclaración ${claim.number}`,
  });

  const series = old.series;
  const folio = await nextFolio(tx, { sellerId: claim.sellerId, kind: "invoice", series });
  const dueDate = old.dueDate > fiscal.today ? old.dueDate : fiscal.today;
  const notes = `Sustituye a la factura ${old.series}-${old.folio} (aclaración ${claim.number})`;
  const paymentMethod = old.paymentMethod === "PUE" || old.paymentMethod === "PPD" ? old.paymentMethod : null;
  let xml: string;
  let fiscalId: string;
  if (fiscal.country === "MX") {
    fiscalId = randomUUID();
    xml = buildCfdiXml({
      kind: "invoice",
      series,
      folio,
      issuedAt: fiscal.localTime(0),
      currency: mxCurrency(fiscal.currency),
      paymentMethod: paymentMethod ?? "PPD",
      paymentForm: old.paymentForm ?? "99",
      issuer: fiscal.issuer,
      receiver: fiscal.receiver,
      lines,
      related: old.fiscalId ? { relationType: "04", uuids: [old.fiscalId] } : undefined,
      stamp: { uuid: fiscalId, stampedAt: fiscal.localTime(95) },
    });
  } else {
    const built = buildUblXml({
      kind: "invoice",
      prefix: series,
      number: folio,
      issueDate: fiscal.today,
      issueTime: `${fiscal.localTime(0).slice(11)}-05:00`,
      dueDate,
      currency: coCurrency(fiscal.currency),
      supplier: fiscal.issuer,
      customer: fiscal.receiver,
      lines,
      paymentMeansCode: "2",
      note: notes,
    });
    xml = built.xml;
    fiscalId = built.cufe;
  }
  const [issued] = await issueDocuments(tx, staff, [
    {
      accountId: claim.accountId,
      kind: "invoice",
      series,
      folio,
      fiscalId,
      issueDate: fiscal.today,
      dueDate,
      currency: fiscal.currency,
      paymentMethod,
      paymentForm: old.paymentForm,
      purchaseOrder: old.purchaseOrder,
      notes,
      lines,
      remissions: oldRemissions,
      files: [xmlFile(series, folio, xml)],
    },
  ]);
  // The credits that had paid the cancelled invoice pay the new one, in the order they were applied.
  let open = dec(issued.amount);
  const freed = new Map<string, Decimal>();
  for (const r of cancelled.reversed) freed.set(r.sourceId, (freed.get(r.sourceId) ?? dec(0)).plus(r.amount));
  const reapply: { sourceId: string; targetId: string; amount: string; appliedOn: string }[] = [];
  for (const [sourceId, amount] of freed) {
    if (open.lte(0)) break;
    const part = Decimal.min(open, amount);
    reapply.push({ sourceId, targetId: issued.id, amount: toMoney(part), appliedOn: fiscal.today });
    open = open.minus(part);
  }
  if (reapply.length > 0) await applyCredits(tx, staff, reapply);
  return {
    documentId: issued.id,
    cancelledId: oldId,
    applied: reapply.map((r) => ({ documentId: r.targetId, amount: r.amount })),
  };
}

/** What last settled a claim, with the documents' numbers for its page (null: nothing in the ledger). */
export async function readClaimSettlement(db: DbOrTx, claimId: string) {
  const [row] = await db
    .select({
      kind: claimSettlements.kind,
      documentId: claimSettlements.documentId,
      cancelledDocumentId: claimSettlements.cancelledDocumentId,
      amount: claimSettlements.amount,
      currency: claimSettlements.currency,
      accountId: documents.accountId,
      series: documents.series,
      folio: documents.folio,
    })
    .from(claimSettlements)
    .innerJoin(documents, eq(documents.id, claimSettlements.documentId))
    .where(eq(claimSettlements.claimId, claimId))
    .orderBy(desc(claimSettlements.createdAt), desc(claimSettlements.id))
    .limit(1);
  if (!row) return null;
  let cancelled: string | null = null;
  if (row.cancelledDocumentId) {
    const [c] = await db
      .select({ series: documents.series, folio: documents.folio })
      .from(documents)
      .where(eq(documents.id, row.cancelledDocumentId));
    cancelled = c ? `${c.series}-${c.folio}` : null;
  }
  return {
    kind: row.kind,
    documentId: row.documentId,
    accountId: row.accountId,
    document: `${row.series}-${row.folio}`,
    cancelled,
    amount: row.amount,
    currency: row.currency,
  };
}
export type ClaimSettlementView = NonNullable<Awaited<ReturnType<typeof readClaimSettlement>>>;
