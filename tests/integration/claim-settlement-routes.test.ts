// The settlement and the staff-page leftovers through the claim routes: evidence downloads (portal and
// staff) as attachments with nosniff and the sniffed type, 404 across tenants (a customer of another
// account, a collector who does not reach the account, a file of another claim, a file on an internal
// note for the customer); reassigning to staff who reach the account only; resolving as partly
// accepted with a credit note, after which both sides show the outcome with a link to the credit note,
// which the customer opens among its documents.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { claims, documents } from "#db/schema";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { addInternalNote } from "~/domain/claims/staff-claim-actions.server";
import { storeClaimAttachments } from "~/domain/claims/store-claim-attachments.server";
import * as portalClaim from "~/routes/portal+/claims.$claimId";
import * as portalAttachment from "~/routes/portal+/claims.$claimId_.attachments.$attachmentId";
import * as portalDocument from "~/routes/portal+/documents.$documentId";
import * as staffClaim from "~/routes/staff+/claims.$claimId";
import * as staffAttachment from "~/routes/staff+/claims.$claimId_.attachments.$attachmentId";
import type { Db } from "~/utils/db.server";
import { createClaimsSetting } from "../fixtures/claims";
import { createTestCustomer, createTestStaff } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute, expectTenantIsolation, signInCookie } from "../setup/routes";

let db: Db;
let s: Awaited<ReturnType<typeof createClaimsSetting>>;
let claim: { id: string; number: number };
let otherClaim: { id: string };
let evidenceId: string;
let noteFileId: string;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const cookies = {} as Record<"owner" | "outsider" | "collector" | "strangerCollector" | "auditor", string>;
let strangerCollectorId: string;
let auditorId: string;

const file = (fileName: string) => ({
  fieldName: "evidence",
  fileName,
  mediaType: "image/png" as const,
  sha256: "0".repeat(64),
  size: PNG.length,
  bytes: PNG,
});

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  s = await createClaimsSetting(db);
  const now = new Date();
  claim = await raiseClaim(
    db,
    s.customerActor,
    {
      accountId: s.account.id,
      type: "price_difference",
      origin: "invoice",
      description: "Precio distinto",
      documents: [{ documentId: s.invoice.id, amount: "50.00" }],
    },
    { now },
  );
  otherClaim = await raiseClaim(
    db,
    s.customerActor,
    { accountId: s.account.id, type: "other", origin: "general", description: "Otra" },
    { now },
  );
  [{ id: evidenceId }] = await storeClaimAttachments(db, s.customerActor, {
    claimId: claim.id,
    accountId: s.account.id,
    messageId: null,
    files: [file("foto de la remisión.png")],
    now,
  });
  const { messageId } = await addInternalNote(
    db,
    s.staffActor(s.collector),
    { claimId: claim.id, body: "Foto interna" },
    { now },
  );
  [{ id: noteFileId }] = await storeClaimAttachments(db, s.staffActor(s.collector), {
    claimId: claim.id,
    accountId: s.account.id,
    messageId,
    files: [file("interna.png")],
    now,
  });
  const outsider = await createTestCustomer(db, [{ accountId: s.other.id, role: "account_admin" }]);
  const strangerCollector = await createTestStaff(db, "collector");
  const auditor = await createTestStaff(db, "auditor");
  strangerCollectorId = strangerCollector.id;
  auditorId = auditor.id;
  cookies.owner = await signInCookie(db, s.customer.id);
  cookies.outsider = await signInCookie(db, outsider.id);
  cookies.collector = await signInCookie(db, s.collector.id);
  cookies.strangerCollector = await signInCookie(db, strangerCollector.id);
  cookies.auditor = await signInCookie(db, auditor.id);
});

const version = async () => (await db.select().from(claims).where(eq(claims.id, claim.id)))[0].version;
const portalPath = (claimId: string, attachmentId: string) => `/portal/claims/${claimId}/attachments/${attachmentId}`;
const staffPath = (claimId: string, attachmentId: string) => `/staff/claims/${claimId}/attachments/${attachmentId}`;

describe("evidence downloads", () => {
  it("serve the file as an attachment with its sniffed type and nosniff, to the customer and to staff who see the claim", async () => {
    const params = { claimId: claim.id, attachmentId: evidenceId };
    for (const [handler, path, cookie] of [
      [portalAttachment.loader, portalPath(claim.id, evidenceId), cookies.owner],
      [staffAttachment.loader, staffPath(claim.id, evidenceId), cookies.collector],
      [staffAttachment.loader, staffPath(claim.id, evidenceId), cookies.auditor],
    ] as const) {
      const result = await callRoute(handler, { path, params, cookie });
      expect(result.status, path).toBe(200);
      expect(result.headers.get("content-type")).toBe("image/png");
      expect(result.headers.get("x-content-type-options")).toBe("nosniff");
      const disposition = result.headers.get("content-disposition")!;
      expect(disposition).toMatch(/^attachment; filename="foto_de_la_remisi/);
      expect(disposition).toContain("filename*=UTF-8''foto%20de%20la%20remisi%C3%B3n.png");
      expect(new Uint8Array(await result.response!.arrayBuffer())).toEqual(PNG);
    }
  });

  it("answer 404 across tenants: another account's customer, a collector who does not reach the account, another claim's path", async () => {
    const markers = [evidenceId, "foto de la remisi", "\u0089PNG"];
    await expectTenantIsolation({
      name: "portal claim attachment",
      handler: portalAttachment.loader,
      calls: [
        {
          path: portalPath(claim.id, evidenceId),
          params: { claimId: claim.id, attachmentId: evidenceId },
          cookie: cookies.outsider,
        },
        // The owner, through another of its claims: the file belongs to the first.
        {
          path: portalPath(otherClaim.id, evidenceId),
          params: { claimId: otherClaim.id, attachmentId: evidenceId },
          cookie: cookies.owner,
        },
      ],
      foreignMarkers: markers,
    });
    await expectTenantIsolation({
      name: "staff claim attachment",
      handler: staffAttachment.loader,
      calls: [
        {
          path: staffPath(claim.id, evidenceId),
          params: { claimId: claim.id, attachmentId: evidenceId },
          cookie: cookies.strangerCollector,
        },
      ],
      foreignMarkers: markers,
    });
    // A customer cannot reach the staff download, nor staff the portal one.
    const crossed = await callRoute(staffAttachment.loader, {
      path: staffPath(claim.id, evidenceId),
      params: { claimId: claim.id, attachmentId: evidenceId },
      cookie: cookies.owner,
    });
    expect(crossed.status).not.toBe(200);
    expect(crossed.body).not.toContain("PNG");
  });

  it("keeps a file on an internal note from the customer", async () => {
    const params = { claimId: claim.id, attachmentId: noteFileId };
    const customer = await callRoute(portalAttachment.loader, {
      path: portalPath(claim.id, noteFileId),
      params,
      cookie: cookies.owner,
    });
    expect(customer.status).toBe(404);
    const staff = await callRoute(staffAttachment.loader, {
      path: staffPath(claim.id, noteFileId),
      params,
      cookie: cookies.collector,
    });
    expect(staff.status).toBe(200);
  });
});

describe("reassigning", () => {
  it("offers and accepts only staff who reach the account; auditors and other portfolios are refused", async () => {
    const params = { claimId: claim.id };
    const path = `/staff/claims/${claim.id}`;
    const page = await callRoute(staffClaim.loader, { path, params, cookie: cookies.collector });
    const ids = (page.body as { assignees: { id: string }[] }).assignees.map((a) => a.id);
    expect(ids).toContain(s.supervisor.id);
    expect(ids).toContain(s.areaOwners.sales.id);
    expect(ids).not.toContain(strangerCollectorId);
    expect(ids).not.toContain(auditorId);
    for (const assigneeId of [strangerCollectorId, auditorId]) {
      const refused = await callRoute(staffClaim.action, {
        path,
        params,
        cookie: cookies.collector,
        form: { intent: "reassign", version: String(await version()), assigneeId },
      });
      expect(refused.status).toBe(400);
    }
    const done = await callRoute(staffClaim.action, {
      path,
      params,
      cookie: cookies.collector,
      form: { intent: "reassign", version: String(await version()), assigneeId: s.supervisor.id },
    });
    expect(done.status).toBe(302);
    expect((await db.select().from(claims).where(eq(claims.id, claim.id)))[0].assigneeId).toBe(s.supervisor.id);
    // A stranger collector cannot reassign at all (the claim is not theirs to see).
    const stranger = await callRoute(staffClaim.action, {
      path,
      params,
      cookie: cookies.strangerCollector,
      form: { intent: "reassign", version: String(await version()), assigneeId: strangerCollectorId },
    });
    expect(stranger.status).toBe(404);
  });
});

describe("resolving with a credit note", () => {
  it("refuses a settlement of a rejected claim on the form (400, nothing changes)", async () => {
    const v = await version();
    const result = await callRoute(staffClaim.action, {
      path: `/staff/claims/${claim.id}`,
      params: { claimId: claim.id },
      cookie: cookies.collector,
      form: { intent: "resolve", version: String(v), resolution: "rejected", reason: "No", settlement: "credit_note" },
    });
    expect(result.status).toBe(400);
    expect(await version()).toBe(v);
    const unknown = await callRoute(staffClaim.action, {
      path: `/staff/claims/${claim.id}`,
      params: { claimId: claim.id },
      cookie: cookies.collector,
      form: { intent: "resolve", version: String(v), resolution: "accepted_full", settlement: "cash" },
    });
    expect(unknown.status).toBe(400);
  });

  it("settles a partly accepted claim; both sides show the outcome and the customer opens the credit note", async () => {
    const params = { claimId: claim.id };
    const resolved = await callRoute(staffClaim.action, {
      path: `/staff/claims/${claim.id}`,
      params,
      cookie: cookies.collector,
      form: {
        intent: "resolve",
        version: String(await version()),
        resolution: "accepted_partial",
        reason: "Procede la diferencia de la varilla",
        acceptedAmount: "20.00",
        settlement: "credit_note",
      },
    });
    expect(resolved.status).toBe(302);
    const staffPage = await callRoute(staffClaim.loader, {
      path: `/staff/claims/${claim.id}`,
      params,
      cookie: cookies.collector,
    });
    const staffSettlement = (staffPage.body as { settlement: { documentId: string; kind: string } }).settlement;
    expect(staffSettlement).toMatchObject({ kind: "credit_note", amount: "20.00", currency: "MXN" });

    const page = await callRoute(portalClaim.loader, {
      path: `/portal/claims/${claim.id}`,
      params,
      cookie: cookies.owner,
    });
    const body = page.body as {
      claim: { status: string; resolution: string };
      settlement: { documentId: string; document: string };
    };
    expect(body.claim).toMatchObject({ status: "resolved", resolution: "accepted_partial" });
    expect(body.settlement.documentId).toBe(staffSettlement.documentId);
    const [note] = await db.select().from(documents).where(eq(documents.id, body.settlement.documentId));
    expect(body.settlement.document).toBe(`${note.series}-${note.folio}`);
    expect(note).toMatchObject({ kind: "credit_note", amount: "20.00", accountId: s.account.id });
    const [invoice] = await db.select().from(documents).where(eq(documents.id, s.invoice.id));
    expect(invoice.appliedAmount).toBe("20.00");

    const doc = await callRoute(portalDocument.loader, {
      path: `/portal/documents/${note.id}`,
      params: { documentId: note.id },
      cookie: cookies.owner,
    });
    expect(doc.status).toBe(200);
    expect(JSON.stringify(doc.body)).toContain(`${note.series}-${note.folio}`);
    // Another account's customer learns nothing of the outcome.
    await expectTenantIsolation({
      name: "portal claim outcome",
      handler: portalClaim.loader,
      calls: [{ path: `/portal/claims/${claim.id}`, params, cookie: cookies.outsider }],
      foreignMarkers: [note.id, `${note.series}-${note.folio}`],
    });
  });
});
