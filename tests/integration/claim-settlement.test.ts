// Settling an accepted claim in the ledger (app/domain/claims/settle-claim.server.ts), in the
// resolution's transaction: a credit note (CFDI 4.0 type E related by UUID, or a UBL 2.1 CreditNote,
// each valid against the vendored schemas) applied to the disputed invoice; a rebate; a re-invoice
// (cancelInvoice reverses the old invoice's applications, the corrected invoice is issued and the
// freed payment applied to it); a credit note covering several invoices names every one (CFDI
// relacionados, UBL BillingReference). Amounts exact, never above what was disputed or is open; a refused
// settlement leaves the claim unresolved; a double submit (and, on PostgreSQL, two staff at once)
// settles once; ledger:verify holds throughout.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applications,
  auditEvents,
  claims,
  claimSettlements,
  documentFiles,
  documents,
  invoiceLines,
  storedFiles,
} from "#db/schema";
import { createCustomerAccount, createSeller, createZone } from "~/domain/accounts/create-organization.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { readClaimSettlement } from "~/domain/claims/settle-claim.server";
import { resolveClaim } from "~/domain/claims/staff-claim-actions.server";
import { buildUblXml } from "~/domain/fiscal/build-ubl-xml";
import { readFiscalXml } from "~/domain/fiscal/read-fiscal-xml";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { validateUblXml } from "~/domain/fiscal/validate-ubl-xml.server";
import { cancelInvoice } from "~/domain/ledger/cancel-invoice.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import type { ClaimSettlementKind } from "~/domain/vocabulary";
import type { Db } from "~/utils/db.server";
import { createClaimsSetting } from "../fixtures/claims";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { createTestStaff } from "../fixtures/users";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let s: Awaited<ReturnType<typeof createClaimsSetting>>;
const NOW = new Date("2026-11-10T17:00:00Z"); // 11:00 in Mexico City, 12:00 in Bogotá
const rule = (code: string) => expect.objectContaining({ code });
let folio = 0;
/** A Mexican account whose RFC has SAT's shape (the shared fixture's does not). */
let mxAccount: { id: string };
let mxCustomer: typeof s.customerActor;

const LINES = [
  {
    sku: "A-1",
    description: "Varilla corrugada 3/8",
    unit: "Pieza",
    productCode: "30102400",
    unitCode: "H87",
    quantity: "10",
    unitPrice: "100",
    taxRate: "0.16",
  },
  {
    sku: "B-2",
    description: "Alambre recocido",
    unit: "Kilogramo",
    productCode: "30102400",
    unitCode: "KGM",
    quantity: "5",
    unitPrice: "40",
    taxRate: "0.16",
  },
];

/** A Mexican invoice with a UUID, 1,392.00 (1,160.00 + 232.00). */
async function mxInvoice(accountId = mxAccount.id) {
  folio += 1;
  const [inv] = await issueDocuments(db, SYSTEM_ACTOR, [
    {
      accountId,
      kind: "invoice",
      series: "ST",
      folio: `T${folio}`,
      fiscalId: randomUUID(),
      issueDate: "2026-10-05",
      currency: "MXN",
      paymentMethod: "PPD",
      paymentForm: "99",
      lines: LINES,
    },
  ]);
  const lines = await db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.documentId, inv.id))
    .orderBy(invoiceLines.lineNo);
  return { ...inv, lines };
}

async function raise(
  invoiceId: string,
  amount: string,
  lineId: string | null,
  actor = mxCustomer,
  accountId = mxAccount.id,
) {
  return raiseClaim(
    db,
    actor,
    {
      accountId,
      type: "price_difference",
      origin: lineId ? "lines" : "invoice",
      description: "Precio distinto al pactado",
      documents: [{ documentId: invoiceId, lineId, amount }],
    },
    { now: new Date("2026-11-09T15:00:00Z") },
  );
}

const collector = () => s.staffActor(s.collector);
function resolve(
  claim: { id: string; version: number },
  settlement: ClaimSettlementKind | undefined,
  resolution: "accepted_full" | "accepted_partial" | "rejected",
  acceptedAmount?: string,
  actor = collector(),
) {
  return resolveClaim(
    db,
    actor,
    {
      claimId: claim.id,
      version: claim.version,
      resolution,
      reason: resolution === "accepted_full" ? undefined : "Procede una parte",
      acceptedAmount,
      settlement,
    },
    { now: NOW },
  );
}

const doc = async (id: string) => (await db.select().from(documents).where(eq(documents.id, id)))[0];
async function xmlOf(documentId: string) {
  const [row] = await db
    .select({ content: storedFiles.content, fileName: documentFiles.fileName })
    .from(documentFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, documentFiles.fileId))
    .where(and(eq(documentFiles.documentId, documentId), eq(documentFiles.role, "xml")));
  return { fileName: row.fileName, xml: new TextDecoder().decode(row.content) };
}
const settlementsOf = (claimId: string) =>
  db.select().from(claimSettlements).where(eq(claimSettlements.claimId, claimId));
async function expectLedgerAgrees() {
  const report = await verifyOpenItems(db);
  expect(report.differences).toEqual([]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  s = await createClaimsSetting(db);
  mxAccount = await createCustomerAccount(db, SYSTEM_ACTOR, {
    sellerId: s.org.seller.id,
    zoneId: s.org.zone.id,
    number: "MX-ST-1",
    legalName: "Ferretería Sabinas SA de CV",
    taxId: "FSA010203AB1",
    taxRegime: "601",
    postalCode: "06600",
    segment: "medium",
    currency: "MXN",
    creditLimit: "500000.00",
    paymentTermDays: 30,
    groupId: null,
    collectorId: s.collector.id,
  });
  mxCustomer = { ...s.customerActor, accountIds: [mxAccount.id] };
});
afterAll(async () => database.close());

describe("credit note for a partly accepted claim (Mexico)", () => {
  it("issues a CFDI type E for the accepted amount, related to the invoice by UUID, applied to it, valid against SAT's XSD", async () => {
    const inv = await mxInvoice();
    const claim = await raise(inv.id, "200.00", inv.lines[0].id);
    const resolved = await resolve(claim, "credit_note", "accepted_partial", "150.37");
    expect(resolved).toMatchObject({ status: "resolved", acceptedAmount: "150.37" });

    const settled = await readClaimSettlement(db, claim.id);
    expect(settled).toMatchObject({ kind: "credit_note", amount: "150.37", currency: "MXN", cancelled: null });
    const note = await doc(settled!.documentId);
    expect(note).toMatchObject({
      kind: "credit_note",
      effect: "credit",
      amount: "150.37",
      appliedAmount: "150.37",
      openAmount: "0.00",
      accountId: mxAccount.id,
      paymentForm: "17",
      issueDate: "2026-11-10",
    });
    expect(await doc(inv.id)).toMatchObject({ appliedAmount: "150.37", openAmount: "1241.63" });
    const [application] = await db.select().from(applications).where(eq(applications.sourceId, note.id));
    expect(application).toMatchObject({ targetId: inv.id, amount: "150.37", appliedOn: "2026-11-10" });

    const { xml, fileName } = await xmlOf(note.id);
    expect(fileName).toBe(`${note.series}-${note.folio}.xml`);
    expect(xml).toContain('TipoDeComprobante="E"');
    expect(xml).toContain('Total="150.37"');
    expect(xml).toContain(`<cfdi:CfdiRelacionados TipoRelacion="01">`);
    expect(xml).toContain(`<cfdi:CfdiRelacionado UUID="${(await doc(inv.id)).fiscalId}"/>`);
    expect(xml).toContain(`UUID="${note.fiscalId!.toUpperCase()}"`);
    expect(xml).toContain("Varilla corrugada 3/8");
    const validation = await validateCfdiXml([{ fileName, xml }]);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);

    const events = await db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "claim"), eq(auditEvents.entityId, claim.id)));
    expect(events.map((e) => e.action).sort()).toEqual(["claim.raised", "claim.resolved", "claim.settled"]);
    expect(events.find((e) => e.action === "claim.settled")?.after).toMatchObject({
      kind: "credit_note",
      documentId: note.id,
      amount: "150.37",
      applied: [{ documentId: inv.id, amount: "150.37" }],
    });
    await expectLedgerAgrees();
  });

  it("numbers credit notes one after the other in the seller's NC series", async () => {
    const a = await mxInvoice();
    const b = await mxInvoice();
    const c1 = await raise(a.id, "10.00", null);
    const c2 = await raise(b.id, "20.00", null);
    await resolve(c1, "credit_note", "accepted_full");
    await resolve(c2, "credit_note", "accepted_full");
    const n1 = await doc((await readClaimSettlement(db, c1.id))!.documentId);
    const n2 = await doc((await readClaimSettlement(db, c2.id))!.documentId);
    expect(n1.series).toBe("NC");
    expect(Number(n2.folio)).toBe(Number(n1.folio) + 1);
    expect([n1.amount, n2.amount]).toEqual(["10.00", "20.00"]);
  });

  it("reaches every amount exactly, with a rounding line where one line cannot", async () => {
    // No single line at 16 % totals 7.00: 6.03 + 0.96 = 6.99, 6.04 + 0.97 = 7.01. A one-cent rounding
    // line (its tax rounds to 0.00) makes it 6.99 + 0.01.
    const inv = await mxInvoice();
    const claim = await raise(inv.id, "7.00", null);
    await resolve(claim, "credit_note", "accepted_full");
    const note = await doc((await readClaimSettlement(db, claim.id))!.documentId);
    expect(note.amount).toBe("7.00");
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.documentId, note.id));
    expect(lines.map((l) => l.total).sort()).toEqual(["0.01", "6.99"]);
    const { xml, fileName } = await xmlOf(note.id);
    expect(xml).toContain('Total="7.00"');
    expect((await validateCfdiXml([{ fileName, xml }])).valid).toBe(true);
  });
});

describe("a credit note covering several invoices", () => {
  it("Mexico: one CFDI type E relates every invoice by UUID (TipoRelacion 01), valid against SAT's XSD", async () => {
    const a = await mxInvoice();
    const b = await mxInvoice();
    const claim = await raiseClaim(
      db,
      mxCustomer,
      {
        accountId: mxAccount.id,
        type: "price_difference",
        origin: "lines",
        description: "Precio distinto en dos facturas",
        documents: [
          { documentId: a.id, lineId: a.lines[0].id, amount: "100.00" },
          { documentId: b.id, lineId: b.lines[1].id, amount: "50.00" },
        ],
      },
      { now: new Date("2026-11-09T15:00:00Z") },
    );
    await resolve(claim, "credit_note", "accepted_partial", "130.00");
    const note = await doc((await readClaimSettlement(db, claim.id))!.documentId);
    expect(note.amount).toBe("130.00");
    const applied = await db.select().from(applications).where(eq(applications.sourceId, note.id));
    // Applied to both invoices (each up to what it disputed), 130.00 in all.
    expect(applied.map((x) => x.targetId).sort()).toEqual([a.id, b.id].sort());
    expect(applied.reduce((sum, x) => sum + Math.round(Number(x.amount) * 100), 0)).toBe(13_000);
    const { xml, fileName } = await xmlOf(note.id);
    expect(xml.match(/<cfdi:CfdiRelacionados /g)).toHaveLength(1);
    expect(xml).toContain(`<cfdi:CfdiRelacionados TipoRelacion="01">`);
    for (const inv of [a, b]) expect(xml).toContain(`<cfdi:CfdiRelacionado UUID="${(await doc(inv.id)).fiscalId}"/>`);
    expect(xml.match(/<cfdi:CfdiRelacionado /g)).toHaveLength(2);
    const validation = await validateCfdiXml([{ fileName, xml }]);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    await expectLedgerAgrees();
  });

  it("Colombia: one UBL 2.1 CreditNote with a BillingReference (each CUFE) per invoice, valid against the UBL schema", async () => {
    const seller = await createSeller(db, SYSTEM_ACTOR, {
      code: "COS2",
      legalName: "Aceros del Cauca S.A.S.",
      country: "CO",
      taxId: "900765432-1",
      taxRegime: "O-13",
      postalCode: "110111",
      currency: "COP",
      timeZone: "America/Bogota",
    });
    const zone = await createZone(db, SYSTEM_ACTOR, { sellerId: seller.id, code: "BOG-S2", name: "Bogotá" });
    const account = await createCustomerAccount(db, SYSTEM_ACTOR, {
      sellerId: seller.id,
      zoneId: zone.id,
      number: "CO-ST-2",
      legalName: "Ferretería Chapinero S.A.S.",
      taxId: "901234568-1",
      taxRegime: "O-15",
      postalCode: "110221",
      segment: "medium",
      currency: "COP",
      creditLimit: "90000000.00",
      paymentTermDays: 30,
      groupId: null,
      collectorId: s.collector.id,
    });
    const lines = [{ ...LINES[0], unitPrice: "45000", taxRate: "0.19" }];
    const invoices = [];
    for (const number of ["9101", "9102"]) {
      const built = buildUblXml({
        kind: "invoice",
        prefix: "FE",
        number,
        issueDate: "2026-10-05",
        issueTime: "10:00:00-05:00",
        dueDate: "2026-11-04",
        currency: "COP",
        supplier: {
          taxId: "900765432-1",
          legalName: "Aceros del Cauca S.A.S.",
          taxRegime: "O-13",
          postalCode: "110111",
        },
        customer: {
          taxId: "901234568-1",
          legalName: "Ferretería Chapinero S.A.S.",
          taxRegime: "O-15",
          postalCode: "110221",
        },
        lines,
      });
      const [inv] = await issueDocuments(db, SYSTEM_ACTOR, [
        {
          accountId: account.id,
          kind: "invoice",
          series: "FE",
          folio: number,
          fiscalId: built.cufe,
          issueDate: "2026-10-05",
          currency: "COP",
          lines,
        },
      ]);
      invoices.push({ ...inv, folio: number, cufe: built.cufe });
    }
    const customer = { ...mxCustomer, accountIds: [account.id] };
    const claim = await raiseClaim(
      db,
      customer,
      {
        accountId: account.id,
        type: "price_difference",
        origin: "invoice",
        description: "Precio distinto en dos facturas",
        documents: invoices.map((inv) => ({ documentId: inv.id, amount: "59500.00" })),
      },
      { now: new Date("2026-11-09T15:00:00Z") },
    );
    await resolve(claim, "credit_note", "accepted_full");
    const note = await doc((await readClaimSettlement(db, claim.id))!.documentId);
    expect(note).toMatchObject({ currency: "COP", amount: "119000.00", appliedAmount: "119000.00" });
    for (const inv of invoices) expect(await doc(inv.id)).toMatchObject({ openAmount: "476000.00" });
    const { xml, fileName } = await xmlOf(note.id);
    expect(xml).toContain("<CreditNote ");
    expect(xml.match(/<cac:BillingReference>/g)).toHaveLength(2);
    for (const inv of invoices) {
      expect(xml).toContain(
        `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>FE${inv.folio}</cbc:ID><cbc:UUID schemeName="CUFE-SHA384">${inv.cufe}</cbc:UUID><cbc:IssueDate>2026-10-05</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>`,
      );
      expect(xml).toContain(`<cbc:ReferenceID>FE${inv.folio}</cbc:ReferenceID>`);
    }
    const validation = await validateUblXml([{ fileName, xml }]);
    expect(validation.errors).toEqual([]);
    // The reader (and the printed note) names both invoices.
    const record = readFiscalXml(xml);
    expect(record && "billingReferences" in record ? record.billingReferences.map((r) => r.id) : []).toEqual(
      invoices.map((inv) => `FE${inv.folio}`),
    );
    await expectLedgerAgrees();
  });
});

describe("rebate", () => {
  it("is a credit note of rebate kind (FormaPago 15, a service line), applied the same way", async () => {
    const inv = await mxInvoice();
    const claim = await raise(inv.id, "116.00", null);
    await resolve(claim, "rebate", "accepted_full");
    const settled = await readClaimSettlement(db, claim.id);
    expect(settled).toMatchObject({ kind: "rebate", amount: "116.00" });
    const note = await doc(settled!.documentId);
    expect(note).toMatchObject({ kind: "credit_note", paymentForm: "15", appliedAmount: "116.00" });
    expect(note.notes).toContain("Bonificación");
    const { xml, fileName } = await xmlOf(note.id);
    expect(xml).toContain('FormaPago="15"');
    expect(xml).toContain('ClaveProdServ="84111506"');
    expect(xml).toContain('SubTotal="100.00"');
    expect((await validateCfdiXml([{ fileName, xml }])).valid).toBe(true);
    expect(await doc(inv.id)).toMatchObject({ openAmount: "1276.00" });
    await expectLedgerAgrees();
  });
});

describe("re-invoice", () => {
  it("cancels the invoice (its payment reversed, nothing deleted), issues the corrected one related by UUID (04), and applies the payment to it", async () => {
    const inv = await mxInvoice();
    const payment = await issueDocument(db, mxAccount.id, "payment", "500.00", "2026-10-20");
    await applyAmount(db, payment, inv.id, "500.00", "2026-10-20");
    const claim = await raise(inv.id, "232.00", inv.lines[1].id);
    await resolve(claim, "reinvoice", "accepted_full");

    const settled = await readClaimSettlement(db, claim.id);
    expect(settled).toMatchObject({ kind: "reinvoice", amount: "232.00" });
    const old = await doc(inv.id);
    expect(old).toMatchObject({ status: "cancelled", openAmount: "0.00", appliedAmount: "0.00" });
    const onOld = await db.select().from(applications).where(eq(applications.targetId, inv.id));
    expect(onOld.map((a) => a.amount).sort()).toEqual(["-500.00", "500.00"]);
    expect(onOld.find((a) => a.amount === "-500.00")?.reversesId).toBe(onOld.find((a) => a.amount === "500.00")?.id);

    const fresh = await doc(settled!.documentId);
    expect(fresh).toMatchObject({
      kind: "invoice",
      status: "issued",
      series: "ST",
      amount: "1160.00",
      appliedAmount: "500.00",
      openAmount: "660.00",
      paymentMethod: "PPD",
      issueDate: "2026-11-10",
    });
    expect(fresh.dueDate >= "2026-11-10").toBe(true);
    expect(await doc(payment)).toMatchObject({ appliedAmount: "500.00", openAmount: "0.00" });
    const freshLines = await db.select().from(invoiceLines).where(eq(invoiceLines.documentId, fresh.id));
    expect(freshLines.map((l) => l.sku)).toEqual(["A-1"]);

    const { xml, fileName } = await xmlOf(fresh.id);
    expect(xml).toContain('TipoDeComprobante="I"');
    expect(xml).toContain(`<cfdi:CfdiRelacionados TipoRelacion="04">`);
    expect(xml).toContain(`UUID="${old.fiscalId}"`);
    expect((await validateCfdiXml([{ fileName, xml }])).valid).toBe(true);

    const cancelled = await db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "document.cancelled"), eq(auditEvents.entityId, inv.id)));
    expect(cancelled).toHaveLength(1);
    await expectLedgerAgrees();
  });

  it("re-prices the disputed line when only part of it is taken off", async () => {
    const inv = await mxInvoice();
    const claim = await raise(inv.id, "300.00", inv.lines[0].id);
    await resolve(claim, "reinvoice", "accepted_partial", "123.45");
    const fresh = await doc((await readClaimSettlement(db, claim.id))!.documentId);
    expect(fresh.amount).toBe("1268.55");
    const { xml, fileName } = await xmlOf(fresh.id);
    expect(xml).toContain("importe corregido");
    expect((await validateCfdiXml([{ fileName, xml }])).valid).toBe(true);
    await expectLedgerAgrees();
  });

  it("refuses a re-invoice that would leave nothing, and nothing is written", async () => {
    const [inv] = await issueDocuments(db, SYSTEM_ACTOR, [
      {
        accountId: mxAccount.id,
        kind: "invoice",
        series: "ST",
        folio: `Z${++folio}`,
        issueDate: "2026-10-05",
        currency: "MXN",
        lines: [LINES[1]],
      },
    ]);
    const claim = await raise(inv.id, "232.00", null);
    await expect(resolve(claim, "reinvoice", "accepted_full")).rejects.toEqual(rule("claim.settlement_leaves_nothing"));
    const [row] = await db.select().from(claims).where(eq(claims.id, claim.id));
    expect(row.status).toBe("open");
    expect((await doc(inv.id)).status).toBe("issued");
  });
});

describe("cancelInvoice", () => {
  it("refuses a second cancellation and a credit, and keeps ledger:verify", async () => {
    const inv = await issueDocument(db, mxAccount.id, "invoice", "100.00", "2026-10-01");
    const note = await issueDocument(db, mxAccount.id, "credit_note", "40.00", "2026-10-02");
    await applyAmount(db, note, inv, "40.00", "2026-10-02");
    const result = await cancelInvoice(db, collector(), { documentId: inv, cancelledOn: "2026-10-03", reason: "x" });
    expect(result.reversed).toHaveLength(1);
    expect(await doc(note)).toMatchObject({ appliedAmount: "0.00", openAmount: "40.00" });
    await expect(
      cancelInvoice(db, collector(), { documentId: inv, cancelledOn: "2026-10-03", reason: "x" }),
    ).rejects.toEqual(rule("document.cancelled"));
    await expect(
      cancelInvoice(db, collector(), { documentId: note, cancelledOn: "2026-10-03", reason: "x" }),
    ).rejects.toEqual(rule("document.not_cancellable"));
    await expectLedgerAgrees();
  });
});

describe("refusals", () => {
  it("refuses a settlement of a rejected claim, and the claim stays unresolved", async () => {
    const inv = await mxInvoice();
    const claim = await raise(inv.id, "50.00", null);
    await expect(resolve(claim, "credit_note", "rejected")).rejects.toEqual(rule("claim.settlement_invalid"));
    const [row] = await db.select().from(claims).where(eq(claims.id, claim.id));
    expect(row.status).toBe("open");
    expect(await settlementsOf(claim.id)).toEqual([]);
  });

  it("never credits above what is open now (the invoice was paid since the claim was raised)", async () => {
    const inv = await mxInvoice();
    const claim = await raise(inv.id, "300.00", null);
    const payment = await issueDocument(db, mxAccount.id, "payment", "1292.00", "2026-11-09");
    await applyAmount(db, payment, inv.id, "1292.00", "2026-11-09");
    await expect(resolve(claim, "credit_note", "accepted_full")).rejects.toEqual(rule("claim.settlement_above_open"));
    expect((await db.select().from(claims).where(eq(claims.id, claim.id)))[0].status).toBe("open");
    await resolve(claim, "credit_note", "accepted_partial", "100.00");
    expect(await doc(inv.id)).toMatchObject({ openAmount: "0.00" });
    await expectLedgerAgrees();
  });

  it("settles a double submit once", async () => {
    const inv = await mxInvoice();
    const claim = await raise(inv.id, "80.00", null);
    await resolve(claim, "credit_note", "accepted_full");
    await expect(resolve(claim, "credit_note", "accepted_full")).rejects.toEqual(rule("claim.stale"));
    expect(await settlementsOf(claim.id)).toHaveLength(1);
    expect(await doc(inv.id)).toMatchObject({ appliedAmount: "80.00" });
  });

  it.runIf(onPostgres)("settles once when two staff resolve at the same moment (PostgreSQL)", async () => {
    const inv = await mxInvoice();
    const claim = await raise(inv.id, "90.00", null);
    const admin = await createTestStaff(db, "admin");
    const results = await Promise.allSettled([
      resolve(claim, "credit_note", "accepted_full"),
      resolve(claim, "rebate", "accepted_full", undefined, s.staffActor(admin)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "claim.stale" });
    expect(await settlementsOf(claim.id)).toHaveLength(1);
    expect(await doc(inv.id)).toMatchObject({ appliedAmount: "90.00", openAmount: "1302.00" });
    await expectLedgerAgrees();
  });
});

describe("credit note (Colombia)", () => {
  it("issues a UBL 2.1 CreditNote referencing the invoice's CUFE, valid against the UBL schema, applied to it", async () => {
    const seller = await createSeller(db, SYSTEM_ACTOR, {
      code: "COST",
      legalName: "Aceros Andinos S.A.S.",
      country: "CO",
      taxId: "900123456-7",
      taxRegime: "O-13",
      postalCode: "110111",
      currency: "COP",
      timeZone: "America/Bogota",
    });
    const zone = await createZone(db, SYSTEM_ACTOR, { sellerId: seller.id, code: "BOG-ST", name: "Bogotá" });
    const account = await createCustomerAccount(db, SYSTEM_ACTOR, {
      sellerId: seller.id,
      zoneId: zone.id,
      number: "CO-ST-1",
      legalName: "Distribuidora Sabana S.A.S.",
      taxId: "901234567-1",
      taxRegime: "O-15",
      postalCode: "110221",
      segment: "medium",
      currency: "COP",
      creditLimit: "90000000.00",
      paymentTermDays: 30,
      groupId: null,
      collectorId: s.collector.id,
    });
    const lines = [{ ...LINES[0], unitPrice: "45000", taxRate: "0.19" }];
    const built = buildUblXml({
      kind: "invoice",
      prefix: "FE",
      number: "9001",
      issueDate: "2026-10-05",
      issueTime: "10:00:00-05:00",
      dueDate: "2026-11-04",
      currency: "COP",
      supplier: { taxId: "900123456-7", legalName: "Aceros Andinos S.A.S.", taxRegime: "O-13", postalCode: "110111" },
      customer: {
        taxId: "901234567-1",
        legalName: "Distribuidora Sabana S.A.S.",
        taxRegime: "O-15",
        postalCode: "110221",
      },
      lines,
    });
    const [inv] = await issueDocuments(db, SYSTEM_ACTOR, [
      {
        accountId: account.id,
        kind: "invoice",
        series: "FE",
        folio: "9001",
        fiscalId: built.cufe,
        issueDate: "2026-10-05",
        currency: "COP",
        lines,
      },
    ]);
    const customer = { ...mxCustomer, accountIds: [account.id] };
    const claim = await raise(inv.id, "100000.00", null, customer, account.id);
    await resolve(claim, "credit_note", "accepted_partial", "59500.00");
    const note = await doc((await readClaimSettlement(db, claim.id))!.documentId);
    expect(note).toMatchObject({ kind: "credit_note", currency: "COP", amount: "59500.00", appliedAmount: "59500.00" });
    expect(await doc(inv.id)).toMatchObject({ openAmount: "476000.00" });
    const { xml, fileName } = await xmlOf(note.id);
    expect(xml).toContain("<CreditNote ");
    expect(xml).toContain(`<cbc:UUID schemeName="CUFE-SHA384">${built.cufe}</cbc:UUID>`);
    expect(xml).toContain('<cbc:PayableAmount currencyID="COP">59500.00</cbc:PayableAmount>');
    expect(note.fiscalId).toMatch(/^[0-9a-f]{96}$/);
    const validation = await validateUblXml([{ fileName, xml }]);
    expect(validation.errors).toEqual([]);

    // A re-invoice there: the corrected invoice is a UBL 2.1 Invoice, valid too.
    const [second] = await issueDocuments(db, SYSTEM_ACTOR, [
      {
        accountId: account.id,
        kind: "invoice",
        series: "FE",
        folio: "9002",
        fiscalId: "f".repeat(96),
        issueDate: "2026-10-06",
        currency: "COP",
        lines: [...lines, { ...LINES[1], unitPrice: "12000", taxRate: "0.19" }],
      },
    ]);
    const reinvoiced = await raise(second.id, "71400.00", null, customer, account.id);
    await resolve(reinvoiced, "reinvoice", "accepted_full");
    const fresh = await doc((await readClaimSettlement(db, reinvoiced.id))!.documentId);
    expect(fresh).toMatchObject({ kind: "invoice", currency: "COP", amount: "535500.00" });
    expect((await doc(second.id)).status).toBe("cancelled");
    const invoiceXml = await xmlOf(fresh.id);
    expect(invoiceXml.xml).toContain("<Invoice ");
    expect(invoiceXml.xml).toContain("Sustituye a la factura FE-9002");
    expect((await validateUblXml([invoiceXml])).errors).toEqual([]);
    await expectLedgerAgrees();
  });
});
