// The reconciliation pages (staff+/accounts.$accountId+/reconciliations*, staff+/reconciliations,
// portal+/reconciliations*, _auth+/verify): the collector prepares and sends one (the signers get
// an email with the portal link), the payer opens it (viewed) and signs with a difference (a claim in
// the queue), the sealed PDF downloads and verifies on the public page by code and by upload. A
// customer of another account, and a collector who does not reach the account, get 404 on every URL
// and see nothing of it; a viewer sees it but cannot sign (403).
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { claims, envelopes, reconciliationDifferences } from "#db/schema";
import * as verifyRoute from "~/routes/_auth+/verify";
import * as portalEnvelope from "~/routes/portal+/reconciliations.$envelopeId";
import * as portalPdf from "~/routes/portal+/reconciliations.$envelopeId_.pdf";
import * as portalList from "~/routes/portal+/reconciliations._index";
import * as staffList from "~/routes/staff+/accounts.$accountId+/reconciliations";
import * as staffEnvelope from "~/routes/staff+/accounts.$accountId+/reconciliations.$envelopeId";
import * as staffPdf from "~/routes/staff+/accounts.$accountId+/reconciliations.$envelopeId_.pdf";
import * as portfolio from "~/routes/staff+/reconciliations";
import { settleBackgroundWork } from "~/utils/background.server";
import type { Db } from "~/utils/db.server";
import { type SigningSetting, createSigningSetting } from "../fixtures/signing";
import { TEST_PASSWORD, createTestStaff } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { BASE, callRoute, expectTenantIsolation, signInCookie } from "../setup/routes";

let db: Db;
let s: SigningSetting;
let envelope: typeof envelopes.$inferSelect;
const MESSAGE = "Mensaje secreto de la conciliación 9431";
const cookies = {} as Record<"payer" | "viewer" | "outsider" | "collector" | "strangerCollector", string>;

routeTest.beforeAll(async ({ db: fileDb, mailbox }) => {
  db = fileDb;
  s = await createSigningSetting(db);
  cookies.payer = await signInCookie(db, s.customer.id);
  cookies.viewer = await signInCookie(db, s.viewer.id);
  cookies.outsider = await signInCookie(db, s.outsider.id);
  cookies.collector = await signInCookie(db, s.collector.id);
  cookies.strangerCollector = await signInCookie(db, (await createTestStaff(db, "collector")).id);
  // The collector prepares and sends it through the page.
  const path = `/staff/accounts/${s.account.id}/reconciliations`;
  const params = { accountId: s.account.id };
  const prepared = await callRoute(staffList.action, {
    path,
    params,
    cookie: cookies.collector,
    form: { intent: "prepare", cutoffDate: "2026-11-30", message: MESSAGE },
  });
  expect(prepared.status).toBe(302);
  [envelope] = await db.select().from(envelopes).where(eq(envelopes.message, MESSAGE));
  expect(envelope.status).toBe("draft");
  const sent = await callRoute(staffList.action, {
    path,
    params,
    cookie: cookies.collector,
    form: { intent: "send", envelopeId: envelope.id },
  });
  expect(sent.status).toBe(302);
  const mail = await mailbox.waitFor(s.customer.email, /saldo/);
  expect(mail.text).toContain(`/portal/reconciliations/${envelope.id}`);
  [envelope] = await db.select().from(envelopes).where(eq(envelopes.id, envelope.id));
});

const markers = () => [envelope.id, MESSAGE, envelope.verificationCode, String(envelope.number)];

describe("who reaches a reconciliation", () => {
  routeTest("a customer of another account gets 404 on every URL and sees nothing of it", async () => {
    const params = { envelopeId: envelope.id };
    const path = `/portal/reconciliations/${envelope.id}`;
    await expectTenantIsolation({
      name: "portal reconciliation",
      handler: portalEnvelope.loader,
      calls: [{ path, params, cookie: cookies.outsider }],
      foreignMarkers: markers(),
    });
    await expectTenantIsolation({
      name: "portal reconciliation sign",
      handler: portalEnvelope.action,
      calls: [
        {
          path,
          params,
          cookie: cookies.outsider,
          form: {
            intent: "agree",
            contentSha256: envelope.contentSha256,
            password: TEST_PASSWORD,
            typedName: "Intruso",
            consent: "on",
          },
        },
      ],
      foreignMarkers: markers(),
    });
    await expectTenantIsolation({
      name: "portal reconciliation pdf",
      handler: portalPdf.loader,
      calls: [{ path: `${path}/pdf`, params, cookie: cookies.outsider }],
      foreignMarkers: markers(),
    });
    const list = await callRoute(portalList.loader, { path: "/portal/reconciliations", cookie: cookies.outsider });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(envelope.id);
    expect((await db.select().from(envelopes).where(eq(envelopes.id, envelope.id)))[0].status).toBe("sent");
  });

  routeTest("a collector who does not reach the account gets 404, and its portfolio does not list it", async () => {
    const params = { accountId: s.account.id, envelopeId: envelope.id };
    for (const handler of [staffEnvelope.loader, staffPdf.loader]) {
      const r = await callRoute(handler, {
        path: `/staff/accounts/${s.account.id}/reconciliations/${envelope.id}`,
        params,
        cookie: cookies.strangerCollector,
      });
      expect(r.status).toBe(404);
    }
    // The right account with another account's envelope is not found either.
    const crossed = await callRoute(staffEnvelope.loader, {
      path: `/staff/accounts/${s.other.id}/reconciliations/${envelope.id}`,
      params: { accountId: s.other.id, envelopeId: envelope.id },
      cookie: cookies.collector,
    });
    expect([403, 404]).toContain(crossed.status);
    const list = await callRoute(portfolio.loader, {
      path: "/staff/reconciliations",
      cookie: cookies.strangerCollector,
    });
    expect(JSON.stringify(list.body)).not.toContain(envelope.id);
    const mine = await callRoute(portfolio.loader, {
      path: "/staff/reconciliations?status=sent",
      cookie: cookies.collector,
    });
    expect(JSON.stringify(mine.body)).toContain(envelope.id);
  });

  routeTest("a viewer sees it but may not sign", async () => {
    const params = { envelopeId: envelope.id };
    const path = `/portal/reconciliations/${envelope.id}`;
    const page = await callRoute(portalEnvelope.loader, { path, params, cookie: cookies.viewer });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ canSign: false, signable: true });
    const refused = await callRoute(portalEnvelope.action, {
      path,
      params,
      cookie: cookies.viewer,
      form: {
        intent: "agree",
        contentSha256: envelope.contentSha256,
        password: TEST_PASSWORD,
        typedName: "Visor",
        consent: "on",
      },
    });
    expect(refused.status).toBe(403);
  });
});

describe("the whole flow through the pages", () => {
  routeTest(
    "the payer signs with a difference; the claim is raised; the sealed PDF downloads and verifies",
    async () => {
      const params = { envelopeId: envelope.id };
      const path = `/portal/reconciliations/${envelope.id}`;
      const page = await callRoute(portalEnvelope.loader, { path, params, cookie: cookies.payer });
      expect(page.body).toMatchObject({ canSign: true, signable: true });
      expect((await db.select().from(envelopes).where(eq(envelopes.id, envelope.id)))[0].status).toBe("viewed");

      const base = {
        contentSha256: envelope.contentSha256,
        password: TEST_PASSWORD,
        typedName: "Cliente Prueba",
        consent: "on",
      };
      const wrong = await callRoute(portalEnvelope.action, {
        path,
        params,
        cookie: cookies.payer,
        form: { ...base, intent: "agree", password: "incorrecta-123" },
      });
      expect(wrong.status).toBe(400);
      expect(JSON.stringify(wrong.body)).toContain("contraseña");
      const noConsent = await callRoute(portalEnvelope.action, {
        path,
        params,
        cookie: cookies.payer,
        form: { ...base, intent: "agree", consent: "" },
      });
      expect(noConsent.status).toBe(400);

      const signed = await callRoute(portalEnvelope.action, {
        path,
        params,
        cookie: cookies.payer,
        form: {
          ...base,
          intent: "disagree",
          customerBalance: "792.00",
          "differences[0].kind": "amount_differs",
          "differences[0].documentId": s.invoice.id,
          "differences[0].amount": "100.00",
          "differences[0].description": "El precio pactado era menor",
        },
      });
      expect(signed.status).toBe(302);
      await settleBackgroundWork();
      const [row] = await db.select().from(envelopes).where(eq(envelopes.id, envelope.id));
      expect(row.status).toBe("signed_with_differences");
      expect(row.sealedAt).not.toBeNull();
      const [difference] = await db
        .select({ type: claims.type, claimId: claims.id })
        .from(reconciliationDifferences)
        .innerJoin(claims, eq(claims.id, reconciliationDifferences.claimId))
        .where(eq(reconciliationDifferences.envelopeId, envelope.id));
      expect(difference.type).toBe("price_difference");

      // Staff see the claim linked from the reconciliation, and it is in the collector's queue.
      const staffPage = await callRoute(staffEnvelope.loader, {
        path: `/staff/accounts/${s.account.id}/reconciliations/${envelope.id}`,
        params: { accountId: s.account.id, envelopeId: envelope.id },
        cookie: cookies.collector,
      });
      expect(JSON.stringify(staffPage.body)).toContain(difference.claimId);

      const pdf = await callRoute(portalPdf.loader, { path: `${path}/pdf`, params, cookie: cookies.payer });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      const bytes = new Uint8Array(await pdf.response!.arrayBuffer());
      expect(Buffer.from(bytes).equals(Buffer.from(row.sealedPdf!))).toBe(true);

      // The public page, by code (dashes and lower case are fine) and by upload.
      const code = row.verificationCode.toLowerCase().replace(/(.{4})(?=.)/g, "$1-");
      const byCode = await callRoute(verifyRoute.loader, { path: `/verify?code=${code}` });
      expect(byCode.body).toMatchObject({
        checked: true,
        envelope: { number: row.number, status: "signed_with_differences" },
      });
      const upload = async (file: Uint8Array) => {
        const body = new FormData();
        body.set("pdf", new File([file as Uint8Array<ArrayBuffer>], "copia.pdf", { type: "application/pdf" }));
        const request = new Request(`${BASE}/verify`, { method: "POST", body, headers: { Origin: BASE } });
        return (await verifyRoute.action({ request, params: {}, context: {} })) as {
          upload: { result: string; signature: { valid: boolean } } | null;
        };
      };
      expect((await upload(bytes)).upload).toMatchObject({ result: "sealed_copy", signature: { valid: true } });
      const appended = new Uint8Array([...bytes, ...new TextEncoder().encode("\n%%EOF\n")]);
      expect((await upload(appended)).upload).toMatchObject({ result: "bytes_appended" });
      const unknown = await callRoute(verifyRoute.loader, { path: "/verify?code=0000-0000-0000" });
      expect(unknown.body).toMatchObject({ checked: true, envelope: null });
    },
  );
});
