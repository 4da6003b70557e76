// The claim pages (app/routes/portal+/claims.*, staff+/claims.*): a customer of another account gets
// 404 on every URL of a claim (and learns nothing of it from the list or the raise form), so does a
// collector who may not see its account; raising a claim from a document works and the customer then
// sees it with its promise; staff take and reply, and an internal note reaches staff only; lines of an
// invoice are disputed each with its amount (never above the line nor the open amount), never a line of
// another customer's invoice, and malformed line input is a 400 with nothing written; the customer's
// answer to a request for information carries evidence files, kept with its message.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claimAttachments, claimMessages, claims, invoiceLines } from "#db/schema";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { requestClaimInfo } from "~/domain/claims/staff-claim-actions.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import * as portalClaim from "~/routes/portal+/claims.$claimId";
import * as portalClaims from "~/routes/portal+/claims._index";
import * as portalNewClaim from "~/routes/portal+/claims.new";
import * as portalDocument from "~/routes/portal+/documents.$documentId";
import * as staffClaim from "~/routes/staff+/claims.$claimId";
import * as staffClaims from "~/routes/staff+/claims._index";
import type { Db } from "~/utils/db.server";
import { createClaimsSetting } from "../fixtures/claims";
import { applyAmount, issueDocument } from "../fixtures/ledger";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute, expectTenantIsolation, signInCookie } from "../setup/routes";

let db: Db;
let s: Awaited<ReturnType<typeof createClaimsSetting>>;
let claim: { id: string; number: number };
const SECRET = "Descripción secreta de la aclaración 4711";
const cookies = {} as Record<"owner" | "outsider" | "collector" | "strangerCollector" | "admin", string>;

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  s = await createClaimsSetting(db);
  claim = await raiseClaim(
    db,
    s.customerActor,
    {
      accountId: s.account.id,
      type: "price_difference",
      origin: "invoice",
      description: SECRET,
      documents: [{ documentId: s.invoice.id, amount: "50.00" }],
    },
    { now: new Date() },
  );
  const outsider = await createTestCustomer(db, [{ accountId: s.other.id, role: "account_admin" }]);
  const strangerCollector = await createTestStaff(db, "collector");
  const admin = await createTestStaff(db, "admin");
  cookies.owner = await signInCookie(db, s.customer.id);
  cookies.outsider = await signInCookie(db, outsider.id);
  cookies.collector = await signInCookie(db, s.collector.id);
  cookies.strangerCollector = await signInCookie(db, strangerCollector.id);
  cookies.admin = await signInCookie(db, admin.id);
});

const version = async () => (await db.select().from(claims).where(eq(claims.id, claim.id)))[0].version;
const markers = () => [claim.id, SECRET, String(claim.number)];

describe("who reaches a claim", () => {
  it("a customer of another account gets 404 on every claim URL and sees nothing of it", async () => {
    const params = { claimId: claim.id };
    const path = `/portal/claims/${claim.id}`;
    await expectTenantIsolation({
      name: "portal claim",
      handler: portalClaim.loader,
      calls: [{ path, params, cookie: cookies.outsider }],
      foreignMarkers: markers(),
    });
    const v = String(await version());
    await expectTenantIsolation({
      name: "portal claim action",
      handler: portalClaim.action,
      calls: [
        { path, params, cookie: cookies.outsider, form: { intent: "answer", version: v, body: "hola" } },
        { path, params, cookie: cookies.outsider, form: { intent: "withdraw", version: v } },
        { path, params, cookie: cookies.outsider, form: { intent: "reopen", version: v, reason: "otra vez" } },
      ],
      foreignMarkers: markers(),
    });
    expect((await callRoute(portalClaim.loader, { path, params, cookie: cookies.outsider })).status).toBe(404);
    const list = await callRoute(portalClaims.loader, { path: "/portal/claims", cookie: cookies.outsider });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(claim.id);
    // The raise form does not show, nor accept, a document of another account.
    const form = await callRoute(portalNewClaim.loader, {
      path: `/portal/claims/new?documentId=${s.invoice.id}`,
      cookie: cookies.outsider,
    });
    expect((form.body as { document: unknown }).document).toBeNull();
    const before = (await db.select().from(claims)).length;
    const raised = await callRoute(portalNewClaim.action, {
      path: "/portal/claims/new",
      cookie: cookies.outsider,
      form: { type: "other", documentId: s.invoice.id, amount: "1.00", description: "x" },
    });
    expect(raised.status).toBe(400);
    expect((await db.select().from(claims)).length).toBe(before);
    // Unchanged by the attempts.
    expect(await version()).toBe(Number(v));
  });

  it("a customer holding both accounts opens a claim of one while the switcher shows the other (an emailed link)", async () => {
    const both = await createTestCustomer(db, [
      { accountId: s.other.id, role: "payer" },
      { accountId: s.account.id, role: "payer" },
    ]);
    const cookie = await signInCookie(db, both.id, { selection: s.other.id });
    const page = await callRoute(portalClaim.loader, {
      path: `/portal/claims/${claim.id}`,
      params: { claimId: claim.id },
      cookie,
    });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).toContain(SECRET);
  });

  it("a collector who may not see the account gets 404 on the claim and its actions, and an empty queue", async () => {
    const params = { claimId: claim.id };
    const path = `/staff/claims/${claim.id}`;
    const v = String(await version());
    const cookie = cookies.strangerCollector;
    expect((await callRoute(staffClaim.loader, { path, params, cookie })).status).toBe(404);
    const forms: Record<string, string>[] = [
      { intent: "take", version: v },
      { intent: "reply", version: v, body: "hola" },
      { intent: "note", body: "nota" },
      { intent: "request_info", version: v, body: "¿OC?" },
      { intent: "escalate", version: v, reason: "porque sí" },
      { intent: "resolve", version: v, resolution: "rejected", reason: "no" },
    ];
    for (const form of forms) {
      const result = await callRoute(staffClaim.action, { path, params, cookie, form });
      expect(result.status, form.intent).toBe(404);
      expect(JSON.stringify(result.body)).not.toContain(SECRET);
    }
    const queue = await callRoute(staffClaims.loader, { path: "/staff/claims", cookie });
    expect(JSON.stringify(queue.body)).not.toContain(claim.id);
    expect(await version()).toBe(Number(v));
    // The account's collector and an administrator see it in their queues.
    for (const who of ["collector", "admin"] as const) {
      const own = await callRoute(staffClaims.loader, { path: "/staff/claims", cookie: cookies[who] });
      expect(JSON.stringify(own.body), who).toContain(claim.id);
    }
  });
});

describe("raising and handling a claim", () => {
  it("the customer raises a claim from a document and sees it with its promise", async () => {
    const form = await callRoute(portalNewClaim.loader, {
      path: `/portal/claims/new?documentId=${s.invoice.id}`,
      cookie: cookies.owner,
    });
    expect((form.body as { document: { id: string } }).document.id).toBe(s.invoice.id);
    const result = await callRoute(portalNewClaim.action, {
      path: "/portal/claims/new",
      cookie: cookies.owner,
      form: { type: "duplicate_charge", documentId: s.invoice.id, amount: "25.50", description: "Cobro doble" },
    });
    expect(result.status).toBe(302);
    const location = result.headers.get("location")!;
    const claimId = location.split("/").pop()!;
    expect(location).toBe(`/portal/claims/${claimId}`);
    const page = await callRoute(portalClaim.loader, { path: location, params: { claimId }, cookie: cookies.owner });
    const data = page.body as { claim: { status: string; due: string | null; documents: { amount: string }[] } };
    expect(data.claim.status).toBe("open");
    expect(data.claim.due).toBeTruthy();
    expect(data.claim.documents[0].amount).toBe("25.50");
    // Above the open amount: refused on the form, nothing raised.
    const above = await callRoute(portalNewClaim.action, {
      path: "/portal/claims/new",
      cookie: cookies.owner,
      form: { type: "other", documentId: s.invoice.id, amount: "99999.00", description: "x" },
    });
    expect(above.status).toBe(400);
  });

  it("evidence sent with the claim is kept with it; a refused file keeps the claim from being raised", async () => {
    const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const send = (bytes: Uint8Array, name: string) => {
      const fd = new FormData();
      fd.append("type", "damaged_or_returned");
      fd.append("description", "Llegó dañado");
      fd.append("evidence", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), name);
      const request = new Request("http://portal.test/portal/claims/new", {
        method: "POST",
        body: fd,
        headers: { Cookie: cookies.owner, Origin: "http://portal.test" },
      });
      return portalNewClaim.action({ request, params: {}, context: {} });
    };
    const ok = (await send(PDF, "remision.pdf")) as Response;
    expect(ok.status).toBe(302);
    const claimId = ok.headers.get("location")!.split("/").pop()!;
    const page = await callRoute(portalClaim.loader, {
      path: `/portal/claims/${claimId}`,
      params: { claimId },
      cookie: cookies.owner,
    });
    expect((page.body as { claim: { attachments: { fileName: string }[] } }).claim.attachments).toEqual([
      expect.objectContaining({ fileName: "remision.pdf", mediaType: "application/pdf" }),
    ]);
    const before = (await db.select().from(claims)).length;
    const refused = await send(new TextEncoder().encode("MZ\u0090 not a pdf"), "virus.exe");
    expect((refused as { init?: { status?: number } }).init?.status).toBe(400);
    expect((await db.select().from(claims)).length).toBe(before);
  });

  it("the collector takes and replies; an internal note is for staff only", async () => {
    const params = { claimId: claim.id };
    const path = `/staff/claims/${claim.id}`;
    const cookie = cookies.collector;
    const take = await callRoute(staffClaim.action, {
      path,
      params,
      cookie,
      form: { intent: "take", version: String(await version()) },
    });
    expect(take.status).toBe(302);
    const stale = await callRoute(staffClaim.action, { path, params, cookie, form: { intent: "take", version: "1" } });
    expect(stale.status).toBe(409);
    const reply = await callRoute(staffClaim.action, {
      path,
      params,
      cookie,
      form: { intent: "reply", version: String(await version()), body: "Lo estamos revisando" },
    });
    expect(reply.status).toBe(302);
    const note = await callRoute(staffClaim.action, {
      path,
      params,
      cookie,
      form: { intent: "note", body: "Nota interna 9931" },
    });
    expect(note.status).toBe(302);
    const staffPage = await callRoute(staffClaim.loader, { path, params, cookie });
    expect(JSON.stringify(staffPage.body)).toContain("Nota interna 9931");
    expect((staffPage.body as { canAct: boolean }).canAct).toBe(true);
    const customerPage = await callRoute(portalClaim.loader, {
      path: `/portal/claims/${claim.id}`,
      params,
      cookie: cookies.owner,
    });
    const text = JSON.stringify(customerPage.body);
    expect(text).toContain("Lo estamos revisando");
    expect(text).not.toContain("Nota interna 9931");
  });
});

describe("disputing lines of an invoice", () => {
  const lineForm = (rows: { lineId: string; selected?: boolean; amount?: string }[]) => ({
    type: "price_difference",
    documentId: s.invoice.id,
    scope: "lines",
    description: "Precio de lista distinto al pactado",
    ...Object.fromEntries(
      rows.flatMap((r, i) => [
        [`lines[${i}].lineId`, r.lineId],
        ...(r.selected ? [[`lines[${i}].selected`, "on"]] : []),
        ...(r.amount !== undefined ? [[`lines[${i}].amount`, r.amount]] : []),
      ]),
    ),
  });
  const raise = (form: Record<string, string>, cookie = cookies.owner) =>
    callRoute(portalNewClaim.action, { path: "/portal/claims/new", cookie, form });
  const fieldErrors = (body: unknown) => (body as { result: { error: Record<string, string[]> } }).result.error;

  it("the form offers the invoice's lines with their totals, the one of the line's link ticked", async () => {
    const form = await callRoute(portalNewClaim.loader, {
      path: `/portal/claims/new?documentId=${s.invoice.id}&lineId=${s.lines[1].id}`,
      cookie: cookies.owner,
    });
    const doc = (form.body as { document: { currency: string; lines: Record<string, unknown>[] } }).document;
    expect(doc.currency).toBe("MXN");
    expect(doc.lines).toEqual([
      expect.objectContaining({ id: s.lines[0].id, lineNo: 1, totalAmount: "1160.00", selected: false }),
      expect.objectContaining({ id: s.lines[1].id, lineNo: 2, totalAmount: "232.00", selected: true }),
    ]);
  });

  it("raises one claim on two lines, each with its amount, and both pages show the lines", async () => {
    const result = await raise(
      lineForm([
        { lineId: s.lines[0].id, selected: true, amount: "100.00" },
        { lineId: s.lines[1].id, selected: true, amount: "32.50" },
      ]),
    );
    expect(result.status).toBe(302);
    const claimId = result.headers.get("location")!.split("/").pop()!;
    const [row] = await db.select().from(claims).where(eq(claims.id, claimId));
    expect(row).toMatchObject({ origin: "lines", disputedAmount: "132.50", disputedCurrency: "MXN" });
    type Page = { claim: { documents: { lineId: string; lineNo: number; amount: string; lineTotal: string }[] } };
    const portal = await callRoute(portalClaim.loader, {
      path: `/portal/claims/${claimId}`,
      params: { claimId },
      cookie: cookies.owner,
    });
    const staff = await callRoute(staffClaim.loader, {
      path: `/staff/claims/${claimId}`,
      params: { claimId },
      cookie: cookies.collector,
    });
    for (const page of [portal, staff])
      expect((page.body as Page).claim.documents).toEqual([
        expect.objectContaining({ lineId: s.lines[0].id, lineNo: 1, amount: "100.00", lineTotal: "1160.00" }),
        expect.objectContaining({ lineId: s.lines[1].id, lineNo: 2, amount: "32.50", lineTotal: "232.00" }),
      ]);
    // An unticked line is not disputed, whatever its amount field holds.
    const one = await raise(
      lineForm([
        { lineId: s.lines[0].id, amount: "5.00" },
        { lineId: s.lines[1].id, selected: true, amount: "1.00" },
      ]),
    );
    expect(one.status).toBe(302);
    const oneId = one.headers.get("location")!.split("/").pop()!;
    expect((await db.select().from(claims).where(eq(claims.id, oneId)))[0].disputedAmount).toBe("1.00");
  });

  it("refuses, on the line's field, an amount above the line's total or the open amount; and no line ticked", async () => {
    const before = (await db.select().from(claims)).length;
    const aboveLine = await raise(lineForm([{ lineId: s.lines[1].id, selected: true, amount: "232.01" }]));
    expect(aboveLine.status).toBe(400);
    expect(fieldErrors(aboveLine.body)).toEqual({ "lines[0].amount": ["validation.claimAboveLine"] });
    // Each line up to its total: 1,160.00 + 232.00 is the invoice's open 1,392.00.
    const sum = await raise(
      lineForm([
        { lineId: s.lines[0].id, selected: true, amount: "1160.00" },
        { lineId: s.lines[1].id, selected: true, amount: "232.00" },
      ]),
    );
    expect(sum.status).toBe(302);
    // Once a payment leaves 92.00 open, two lines within their totals but above it together are refused
    // on the line that goes past it.
    const payment = await issueDocument(db, s.account.id, "payment", "1300.00", "2026-10-05");
    await applyAmount(db, payment, s.invoice.id, "1300.00", "2026-10-05");
    const aboveOpen = await raise(
      lineForm([
        { lineId: s.lines[0].id, selected: true, amount: "50.00" },
        { lineId: s.lines[1].id, selected: true, amount: "50.00" },
      ]),
    );
    expect(aboveOpen.status).toBe(400);
    expect(fieldErrors(aboveOpen.body)).toEqual({ "lines[1].amount": ["validation.claimAboveOpen"] });
    const none = await raise(lineForm([{ lineId: s.lines[0].id, amount: "10.00" }]));
    expect(none.status).toBe(400);
    expect(fieldErrors(none.body)).toEqual({ lines: ["validation.chooseLine"] });
    const missing = await raise(lineForm([{ lineId: s.lines[0].id, selected: true }]));
    expect(fieldErrors(missing.body)).toEqual({ "lines[0].amount": ["validation.required"] });
    expect((await db.select().from(claims)).length).toBe(before + 1);
  });

  it("refuses a line of another customer's invoice (or of another invoice) and raises nothing", async () => {
    const [foreign] = await issueDocuments(db, SYSTEM_ACTOR, [
      {
        accountId: s.other.id,
        kind: "invoice",
        series: "FX",
        folio: "88001",
        issueDate: "2026-10-01",
        currency: "MXN",
        lines: [
          {
            sku: "Z-9",
            description: "Cemento ajeno 5521",
            unit: "pza",
            productCode: "30102400",
            unitCode: "H87",
            quantity: "1",
            unitPrice: "100",
            taxRate: "0.16",
          },
        ],
      },
    ]);
    const [foreignLine] = await db.select().from(invoiceLines).where(eq(invoiceLines.documentId, foreign.id));
    const before = (await db.select().from(claims)).length;
    const result = await raise(lineForm([{ lineId: foreignLine.id, selected: true, amount: "1.00" }]));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).not.toContain("Cemento ajeno 5521");
    expect((result.body as { error: string }).error).toBe("No encontramos la partida.");
    // Nor may the form load the foreign invoice's lines.
    const form = await callRoute(portalNewClaim.loader, {
      path: `/portal/claims/new?documentId=${foreign.id}&lineId=${foreignLine.id}`,
      cookie: cookies.owner,
    });
    expect((form.body as { document: unknown }).document).toBeNull();
    expect(JSON.stringify(form.body)).not.toContain("Cemento ajeno 5521");
    expect((await db.select().from(claims)).length).toBe(before);
  });

  it("the invoice's page links each line to the raise form with that line", async () => {
    const page = await callRoute(portalDocument.loader, {
      path: `/portal/documents/${s.invoice.id}`,
      params: { documentId: s.invoice.id },
      cookie: cookies.owner,
    });
    const lines = (page.body as { detail: { lines: { id: string; lineNo: number }[] } }).detail.lines;
    expect(lines.map((l) => l.id)).toEqual([s.lines[0].id, s.lines[1].id]);
  });
});

describe("answering a request for information with evidence", () => {
  const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  const answer = (claimId: string, v: number, file: { bytes: Uint8Array; name: string }, cookie = cookies.owner) => {
    const fd = new FormData();
    fd.append("intent", "answer");
    fd.append("version", String(v));
    fd.append("body", "Adjunto la orden de compra 4471");
    fd.append("evidence", new Blob([new Uint8Array(file.bytes)], { type: "application/pdf" }), file.name);
    const request = new Request(`http://portal.test/portal/claims/${claimId}`, {
      method: "POST",
      body: fd,
      headers: { Cookie: cookie, Origin: "http://portal.test" },
    });
    return portalClaim.action({ request, params: { claimId }, context: {} });
  };
  const waitingClaim = async () => {
    const raised = await raiseClaim(
      db,
      s.customerActor,
      {
        accountId: s.account.id,
        type: "price_difference",
        origin: "invoice",
        description: "Precio distinto",
        documents: [{ documentId: s.invoice.id, amount: "1.00" }],
      },
      { now: new Date() },
    );
    await requestClaimInfo(
      db,
      s.staffActor(s.collector),
      { claimId: raised.id, version: raised.version, body: "¿Orden de compra?" },
      { now: new Date() },
    );
    return { id: raised.id, version: raised.version + 1 };
  };
  const statusOf = (r: unknown) =>
    r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);

  it("keeps the customer's PDF with its answer and the claim, shown on both sides", async () => {
    const c = await waitingClaim();
    const result = await answer(c.id, c.version, { bytes: PDF, name: "orden-4471.pdf" });
    expect(statusOf(result)).toBe(302);
    const [message] = await db
      .select()
      .from(claimMessages)
      .where(eq(claimMessages.claimId, c.id))
      .then((rows) => rows.filter((m) => m.kind === "customer_message"));
    const files = await db.select().from(claimAttachments).where(eq(claimAttachments.claimId, c.id));
    expect(files).toEqual([
      expect.objectContaining({ messageId: message.id, fileName: "orden-4471.pdf", mediaType: "application/pdf" }),
    ]);
    for (const [loader, cookie] of [
      [portalClaim.loader, cookies.owner],
      [staffClaim.loader, cookies.collector],
    ] as const) {
      const page = await callRoute(loader, { path: `/x/claims/${c.id}`, params: { claimId: c.id }, cookie });
      expect((page.body as { claim: { attachments: { fileName: string }[] } }).claim.attachments).toEqual([
        expect.objectContaining({ fileName: "orden-4471.pdf" }),
      ]);
    }
  });

  it("refuses an executable sent as a PDF with the answer, and writes nothing", async () => {
    const c = await waitingClaim();
    const result = await answer(c.id, c.version, { bytes: new TextEncoder().encode("MZ\u0090 no"), name: "oc.pdf" });
    expect(statusOf(result)).toBe(400);
    expect((result as { data: { error: string } }).data.error).toMatch(/No aceptamos/);
    const [row] = await db.select().from(claims).where(eq(claims.id, c.id));
    expect(row.status).toBe("waiting_on_customer");
    expect(await db.select().from(claimAttachments).where(eq(claimAttachments.claimId, c.id))).toEqual([]);
  });

  it("another customer's answer with a file gets 404 and stores nothing", async () => {
    const c = await waitingClaim();
    await expect(answer(c.id, c.version, { bytes: PDF, name: "x.pdf" }, cookies.outsider)).rejects.toMatchObject({
      status: 404,
    });
    expect(await db.select().from(claimAttachments).where(eq(claimAttachments.claimId, c.id))).toEqual([]);
  });
});

describe("malformed line input on the raise form", () => {
  const raise = (form: Record<string, string>) =>
    callRoute(portalNewClaim.action, { path: "/portal/claims/new", cookie: cookies.owner, form });
  const base = {
    type: "price_difference",
    scope: "lines",
    description: "Precio",
  };

  it.each([
    ["a non-numeric amount", { "lines[0].amount": "diez" }],
    ["a negative amount", { "lines[0].amount": "-5.00" }],
    ["three decimals", { "lines[0].amount": "1.005" }],
    ["a zero amount", { "lines[0].amount": "0.00" }],
    ["a selected flag other than on", { "lines[0].selected": "yes", "lines[0].amount": "1.00" }],
    ["an unknown scope", { scope: "everything", "lines[0].amount": "1.00" }],
    ["a line ID far too long", { "lines[0].lineId": "x".repeat(500), "lines[0].amount": "1.00" }],
    ["a line index far past the cap", { "lines[5000].lineId": "abc", "lines[5000].selected": "on" }],
  ])("answers 400 and raises nothing for %s", async (_name, extra) => {
    const before = (await db.select().from(claims)).length;
    const result = await raise({
      ...base,
      documentId: s.invoice.id,
      "lines[0].lineId": s.lines[0].id,
      "lines[0].selected": "on",
      ...extra,
    });
    expect(result.status).toBe(400);
    expect((await db.select().from(claims)).length).toBe(before);
  });
});
