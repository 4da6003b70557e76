// The claim pages (app/routes/portal+/claims.*, staff+/claims.*): a customer of another account gets
// 404 on every URL of a claim (and learns nothing of it from the list or the raise form), so does a
// collector who may not see its account; raising a claim from a document works and the customer then
// sees it with its promise; staff take and reply, and an internal note reaches staff only.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claims } from "#db/schema";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import * as portalClaim from "~/routes/portal+/claims.$claimId";
import * as portalClaims from "~/routes/portal+/claims._index";
import * as portalNewClaim from "~/routes/portal+/claims.new";
import * as staffClaim from "~/routes/staff+/claims.$claimId";
import * as staffClaims from "~/routes/staff+/claims._index";
import type { Db } from "~/utils/db.server";
import { createClaimsSetting } from "../fixtures/claims";
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
