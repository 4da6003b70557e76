// What the ledger's write operations leave behind, and the refusals the other ledger tests do not
// reach: every document, application and reversal records who made it and writes an audit event
// with what changed; lines and files are stored with the document (a file's content once); batches
// larger than one insert chunk are written whole, once; and the direction, account and date rules
// of an application, with the figures in the refusal.
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applications, auditEvents, documentFiles, documents, invoiceLines, storedFiles } from "#db/schema";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import { getOpenAmounts } from "~/domain/ledger/get-account-balances.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { DocumentInput } from "~/domain/ledger/schemas";
import type { Db } from "~/utils/db.server";
import { applyCredit, issueDocument } from "../fixtures/ledger";
import { createTestAccount } from "../fixtures/organization";
import { createTestStaff } from "../fixtures/users";
import { type Seller, databaseTest } from "../setup/route-test";
import { type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
let org: Seller;
let collector: Actor;

databaseTest.beforeAll(async ({ database: fileDatabase, seller }) => {
  database = fileDatabase;
  db = database.db;
  org = seller;
  const user = await createTestStaff(db, "collector");
  collector = { userId: user.id, label: "collector" };
});

const newAccount = async () => (await createTestAccount(db, org)).id;
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: "ok", message: "" }),
    (e: { code?: string; message: string }) => ({ code: e.code ?? String(e), message: e.message }),
  );
const auditOf = (entityId: string) =>
  db
    .select({
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      actorId: auditEvents.actorId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(eq(auditEvents.entityId, entityId));

let folio = 0;
const invoiceInput = (accountId: string, extra: Partial<DocumentInput> = {}): DocumentInput => {
  folio += 1;
  return {
    accountId,
    kind: "invoice",
    series: "W",
    folio: String(folio),
    issueDate: "2026-03-02",
    currency: "MXN",
    amount: "100.00",
    ...extra,
  };
};

describe("who did it, and the audit trail", () => {
  it("an issued document records its creator and audits kind, series, folio, amount, currency and account", async () => {
    const accountId = await newAccount();
    const [doc] = await issueDocuments(db, collector, [invoiceInput(accountId, { series: "AU", folio: "7" })]);
    const [row] = await db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row.createdById).toBe(collector.userId);
    expect(await auditOf(doc.id)).toEqual([
      {
        action: "document.issued",
        entityType: "document",
        actorId: collector.userId,
        before: null,
        after: { kind: "invoice", series: "AU", folio: "7", amount: "100.00", currency: "MXN", accountId },
      },
    ]);
  });

  it("an application records its creator and audits source, target, amount, currency and date", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-03-01");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-03-01");
    const id = await applyCredit(db, collector, {
      sourceId: pay,
      targetId: inv,
      amount: "40.00",
      appliedOn: "2026-03-05",
    });
    const [row] = await db.select().from(applications).where(eq(applications.id, id));
    expect(row).toMatchObject({ createdById: collector.userId, amount: "40.00", currency: "MXN" });
    expect(await auditOf(id)).toEqual([
      {
        action: "application.created",
        entityType: "application",
        actorId: collector.userId,
        before: null,
        after: { sourceId: pay, targetId: inv, amount: "40.00", currency: "MXN", appliedOn: "2026-03-05" },
      },
    ]);
  });

  it("a reversal records its creator and audits the original's amount and date and the reversal's id, date and reason", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-03-01");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-03-01");
    const id = await applyCredit(db, SYSTEM_ACTOR, {
      sourceId: pay,
      targetId: inv,
      amount: "40.00",
      appliedOn: "2026-03-05",
    });
    const reversalId = await reverseApplication(db, collector, {
      applicationId: id,
      reversedOn: "2026-03-09",
      reason: "cheque devuelto",
    });
    const [reversal] = await db.select().from(applications).where(eq(applications.id, reversalId));
    expect(reversal).toMatchObject({
      createdById: collector.userId,
      amount: "-40.00",
      reversesId: id,
      appliedOn: "2026-03-09",
      reason: "cheque devuelto",
    });
    const events = await auditOf(id);
    expect(events.find((e) => e.action === "application.reversed")).toEqual({
      action: "application.reversed",
      entityType: "application",
      actorId: collector.userId,
      before: { amount: "40.00", appliedOn: "2026-03-05" },
      after: { reversalId, reversedOn: "2026-03-09", reason: "cheque devuelto" },
    });
  });
});

describe("what an issued document keeps", () => {
  it("keeps its fiscal id, payment method and form, purchase order, reference and notes; absent ones are null", async () => {
    const accountId = await newAccount();
    const [full, bare] = await issueDocuments(db, SYSTEM_ACTOR, [
      invoiceInput(accountId, {
        fiscalId: "0F0F0F0F-1111-4222-8333-444455556666",
        paymentMethod: "PPD",
        paymentForm: "99",
        purchaseOrder: "OC-1234",
        reference: "REF-9",
        notes: "Entrega en obra",
      }),
      invoiceInput(accountId),
    ]);
    const pick = async (id: string) => {
      const [row] = await db.select().from(documents).where(eq(documents.id, id));
      return [row.fiscalId, row.paymentMethod, row.paymentForm, row.purchaseOrder, row.reference, row.notes];
    };
    expect(await pick(full.id)).toEqual([
      "0F0F0F0F-1111-4222-8333-444455556666",
      "PPD",
      "99",
      "OC-1234",
      "REF-9",
      "Entrega en obra",
    ]);
    expect(await pick(bare.id)).toEqual([null, null, null, null, null, null]);
  });

  it("a charge without a due date is due after the account's term; a credit without one is due on its issue date", async () => {
    const accountId = (await createTestAccount(db, org, { paymentTermDays: 15 })).id;
    const [inv, pay, nc, adj] = await issueDocuments(db, SYSTEM_ACTOR, [
      invoiceInput(accountId, { issueDate: "2026-03-20" }),
      invoiceInput(accountId, { kind: "payment", issueDate: "2026-03-20" }),
      invoiceInput(accountId, { kind: "credit_note", issueDate: "2026-03-20" }),
      invoiceInput(accountId, { kind: "adjustment", effect: "credit", issueDate: "2026-03-20" }),
    ]);
    const due = async (id: string) => (await db.select().from(documents).where(eq(documents.id, id)))[0].dueDate;
    expect([await due(inv.id), await due(pay.id), await due(nc.id), await due(adj.id)]).toEqual([
      "2026-04-04",
      "2026-03-20",
      "2026-03-20",
      "2026-03-20",
    ]);
  });

  it("issuing nothing writes nothing and returns no documents", async () => {
    expect(await issueDocuments(db, SYSTEM_ACTOR, [])).toEqual([]);
  });
});

describe("lines and files", () => {
  const line = (sku: string, quantity: string, unitPrice: string) => ({
    sku,
    description: `Producto ${sku}`,
    unit: "PZA",
    productCode: "30102300",
    unitCode: "H87",
    quantity,
    unitPrice,
    taxRate: "0.16",
  });

  it("stores each line numbered from 1 with its subtotal, tax and total, and the document's subtotal and tax", async () => {
    const accountId = await newAccount();
    const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
      invoiceInput(accountId, { amount: undefined, lines: [line("A", "2", "10.005"), line("B", "1", "5")] }),
    ]);
    const lines = await db
      .select({
        lineNo: invoiceLines.lineNo,
        sku: invoiceLines.sku,
        subtotal: invoiceLines.subtotal,
        tax: invoiceLines.tax,
        total: invoiceLines.total,
      })
      .from(invoiceLines)
      .where(eq(invoiceLines.documentId, doc.id))
      .orderBy(invoiceLines.lineNo);
    // 2 × 10.005 = 20.01, tax 3.2016 → 3.20; 5.00, tax 0.80.
    expect(lines).toEqual([
      { lineNo: 1, sku: "A", subtotal: "20.01", tax: "3.20", total: "23.21" },
      { lineNo: 2, sku: "B", subtotal: "5.00", tax: "0.80", total: "5.80" },
    ]);
    const [row] = await db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row).toMatchObject({ amount: "29.01", subtotal: "25.01", taxTotal: "4.00" });
    expect(doc.amount).toBe("29.01");
  });

  it("a stated amount equal to the lines' total is accepted; one that differs is refused, naming both", async () => {
    const accountId = await newAccount();
    const lines = [line("A", "2", "10.005"), line("B", "1", "5")]; // 29.01
    const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [invoiceInput(accountId, { amount: "29.01", lines })]);
    expect(doc.amount).toBe("29.01");
    expect(
      await errorOf(
        issueDocuments(db, SYSTEM_ACTOR, [
          invoiceInput(accountId, { series: "MM", folio: "1", amount: "29.00", lines }),
        ]),
      ),
    ).toEqual({ code: "document.amount_mismatch", message: "MM-1: amount 29.00 != lines 29.01" });
  });

  it("an empty list of lines is no lines: the stated amount stands", async () => {
    const accountId = await newAccount();
    const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [invoiceInput(accountId, { amount: "75.00", lines: [] })]);
    expect(doc.amount).toBe("75.00");
    const [row] = await db.select().from(documents).where(eq(documents.id, doc.id));
    expect(row).toMatchObject({ subtotal: null, taxTotal: null });
  });

  it("stores a document's files and keeps each content once, also when a later document brings the same bytes", async () => {
    const accountId = await newAccount();
    const content = new TextEncoder().encode(`<cfdi:Comprobante Folio="${Math.random()}"/>`);
    const pdf = new TextEncoder().encode(`%PDF-1.4 ${Math.random()}`);
    const file = (role: "xml" | "pdf", bytes: Uint8Array<ArrayBuffer>, fileName: string) => ({
      role,
      fileName,
      mediaType: role === "xml" ? "application/xml" : "application/pdf",
      content: bytes,
    });
    // Two documents in one call share the XML; a third, issued later, brings the same XML again.
    const [a, b] = await issueDocuments(db, SYSTEM_ACTOR, [
      invoiceInput(accountId, { files: [file("xml", content, "a.xml"), file("pdf", pdf, "a.pdf")] }),
      invoiceInput(accountId, { files: [file("xml", content, "b.xml")] }),
    ]);
    const [c] = await issueDocuments(db, SYSTEM_ACTOR, [
      invoiceInput(accountId, { files: [file("xml", content, "c.xml")] }),
    ]);
    const attached = await db
      .select({
        documentId: documentFiles.documentId,
        fileId: documentFiles.fileId,
        role: documentFiles.role,
        fileName: documentFiles.fileName,
      })
      .from(documentFiles)
      .where(inArray(documentFiles.documentId, [a.id, b.id, c.id]));
    expect(attached.map((f) => [f.documentId, f.role, f.fileName]).sort()).toEqual(
      [
        [a.id, "pdf", "a.pdf"],
        [a.id, "xml", "a.xml"],
        [b.id, "xml", "b.xml"],
        [c.id, "xml", "c.xml"],
      ].sort(),
    );
    const xmlIds = new Set(attached.filter((f) => f.role === "xml").map((f) => f.fileId));
    expect(xmlIds.size).toBe(1);
    const stored = await db
      .select({ id: storedFiles.id, size: storedFiles.size, mediaType: storedFiles.mediaType })
      .from(storedFiles)
      .where(inArray(storedFiles.id, [...new Set(attached.map((f) => f.fileId))]));
    expect(stored.map((s) => [s.size, s.mediaType]).sort()).toEqual(
      [
        [content.byteLength, "application/xml"],
        [pdf.byteLength, "application/pdf"],
      ].sort(),
    );
  });
});

describe("one content twice on a document", () => {
  it("the same bytes given twice to one document are attached once", async () => {
    const accountId = await newAccount();
    const bytes = new TextEncoder().encode(`duplicado ${Math.random()}`);
    const [doc] = await issueDocuments(db, SYSTEM_ACTOR, [
      invoiceInput(accountId, {
        files: [
          { role: "xml", fileName: "f.xml", mediaType: "application/xml", content: bytes },
          { role: "evidence", fileName: "f-copia.xml", mediaType: "application/xml", content: bytes },
        ],
      }),
    ]);
    const attached = await db.select().from(documentFiles).where(eq(documentFiles.documentId, doc.id));
    expect(attached.map((f) => [f.role, f.fileName])).toEqual([["xml", "f.xml"]]);
  });
});

describe("batches larger than one insert chunk", () => {
  const count = async (q: ReturnType<typeof sql>) =>
    Number(((await db.execute(q)) as unknown as { rows: { n: number | string }[] }).rows[0].n);

  it("1,001 documents in one call (documents go in by 1,000, their audit events by 500) are each written and audited once", async () => {
    const accountId = await newAccount();
    const issued = await issueDocuments(
      db,
      SYSTEM_ACTOR,
      Array.from({ length: 1001 }, () => invoiceInput(accountId, { amount: "1.00" })),
    );
    expect(new Set(issued.map((d) => d.id)).size).toBe(1001);
    expect(await count(sql`select count(*) as n from documents where account_id = ${accountId}`)).toBe(1001);
    expect(
      await count(
        sql`select count(*) as n from audit_events e join documents d on d.id = e.entity_id where d.account_id = ${accountId} and e.action = 'document.issued'`,
      ),
    ).toBe(1001);
  });

  it("2,001 applications in one batch (they go in by 2,000) are each written and audited once", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "2001.00", "2026-03-01");
    const pay = await issueDocument(db, accountId, "payment", "2001.00", "2026-03-01");
    const ids = await applyCredits(
      db,
      SYSTEM_ACTOR,
      Array.from({ length: 2001 }, () => ({ sourceId: pay, targetId: inv, amount: "1.00", appliedOn: "2026-03-02" })),
    );
    expect(new Set(ids).size).toBe(2001);
    expect(await count(sql`select count(*) as n from applications where source_id = ${pay}`)).toBe(2001);
    expect(
      await count(
        sql`select count(*) as n from audit_events e join applications a on a.id = e.entity_id where a.source_id = ${pay} and e.action = 'application.created'`,
      ),
    ).toBe(2001);
    expect(await getOpenAmounts(db, [pay, inv])).toEqual(
      new Map([
        [pay, "0.00"],
        [inv, "0.00"],
      ]),
    );
  });
});

describe("refusals", () => {
  it("a document for an unknown account is refused as not found", async () => {
    expect(await errorOf(issueDocuments(db, SYSTEM_ACTOR, [invoiceInput("no-such-account")]))).toEqual({
      code: "document.not_found",
      message: "account no-such-account not found",
    });
  });

  it("an application goes from a credit to a charge: an invoice as source or a payment as target is the wrong direction", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-03-01");
    const inv2 = await issueDocument(db, accountId, "invoice", "100.00", "2026-03-01");
    const pay = await issueDocument(db, accountId, "payment", "100.00", "2026-03-01");
    const pay2 = await issueDocument(db, accountId, "payment", "100.00", "2026-03-01");
    const nc = await issueDocument(db, accountId, "credit_note", "100.00", "2026-03-01");
    const apply = (sourceId: string, targetId: string) =>
      errorOf(applyCredit(db, SYSTEM_ACTOR, { sourceId, targetId, amount: "1.00", appliedOn: "2026-03-02" }));
    expect((await apply(inv2, inv)).code).toBe("application.wrong_direction");
    expect((await apply(pay, pay2)).code).toBe("application.wrong_direction");
    expect((await apply(pay, nc)).code).toBe("application.wrong_direction");
    expect((await apply(nc, inv)).code).toBe("ok");
  });

  it("an over-application is refused with the open or unapplied amount and what was asked", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-03-01");
    const small = await issueDocument(db, accountId, "payment", "60.00", "2026-03-01");
    const big = await issueDocument(db, accountId, "payment", "500.00", "2026-03-01");
    await applyCredit(db, SYSTEM_ACTOR, { sourceId: big, targetId: inv, amount: "30.00", appliedOn: "2026-03-02" });
    expect(
      await errorOf(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: big, targetId: inv, amount: "70.01", appliedOn: "2026-03-02" }),
      ),
    ).toEqual({ code: "application.exceeds_open_amount", message: "open 70.00, applying 70.01" });
    const inv2 = await issueDocument(db, accountId, "invoice", "1000.00", "2026-03-01");
    expect(
      await errorOf(
        applyCredit(db, SYSTEM_ACTOR, { sourceId: small, targetId: inv2, amount: "60.01", appliedOn: "2026-03-02" }),
      ),
    ).toEqual({ code: "application.exceeds_unapplied_amount", message: "unapplied 60.00, applying 60.01" });
  });

  it("a refusal names its rule: the error is a LedgerRuleError whose message defaults to the code", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-03-01");
    const error = await applyCredit(db, SYSTEM_ACTOR, {
      sourceId: "missing",
      targetId: inv,
      amount: "1.00",
      appliedOn: "2026-03-02",
    }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: "LedgerRuleError", code: "document.not_found", message: "document.not_found" });
  });

  it("two applications of one batch to the same invoice share its open amount", async () => {
    const accountId = await newAccount();
    const inv = await issueDocument(db, accountId, "invoice", "100.00", "2026-03-01");
    const p1 = await issueDocument(db, accountId, "payment", "80.00", "2026-03-01");
    const p2 = await issueDocument(db, accountId, "payment", "80.00", "2026-03-01");
    expect(
      (
        await errorOf(
          applyCredits(db, SYSTEM_ACTOR, [
            { sourceId: p1, targetId: inv, amount: "80.00", appliedOn: "2026-03-02" },
            { sourceId: p2, targetId: inv, amount: "20.01", appliedOn: "2026-03-02" },
          ]),
        )
      ).code,
    ).toBe("application.exceeds_open_amount");
    const written = await db
      .select()
      .from(applications)
      .where(and(eq(applications.targetId, inv)));
    expect(written).toEqual([]);
  });
});
