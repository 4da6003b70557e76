// The registered-payment pages (portal+/payments_.new, payments_.registrations.*, payments_.reps.*;
// staff+/payments.*, staff+/accounts.$accountId+/payments_.new): a customer of another account gets 404
// on every URL of a registration, its receipt, its proof and its REP, and cannot register on an
// account it was not granted (the form names the account; the switcher's cookie is not trusted); a
// collector outside the account's portfolio gets 404 and an empty queue; the owner registers, downloads
// the provisional receipt, the collector confirms, and the REP downloads from the payment and the invoice.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { paymentReceipts, paymentRegistrations } from "#db/schema";
import { registerPayment } from "~/domain/payments/register-payment.server";
import * as portalDocument from "~/routes/portal+/documents.$documentId";
import * as portalNew from "~/routes/portal+/payments_.new";
import * as portalRegistration from "~/routes/portal+/payments_.registrations.$registrationId";
import * as portalProof from "~/routes/portal+/payments_.registrations.$registrationId_.proof";
import * as portalReceipt from "~/routes/portal+/payments_.registrations.$registrationId_.receipt";
import * as portalRegistrations from "~/routes/portal+/payments_.registrations._index";
import * as portalRep from "~/routes/portal+/payments_.reps.$receiptId.$format";
import * as staffNew from "~/routes/staff+/accounts.$accountId+/payments_.new";
import * as staffRegistration from "~/routes/staff+/payments.$registrationId";
import * as staffProof from "~/routes/staff+/payments.$registrationId_.proof";
import * as staffReceipt from "~/routes/staff+/payments.$registrationId_.receipt";
import * as staffQueue from "~/routes/staff+/payments._index";
import * as staffRep from "~/routes/staff+/payments.reps.$receiptId.$format";
import type { Db } from "~/utils/db.server";
import { createPaymentsSetting } from "../fixtures/payment-registrations";
import { createTestCustomer } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute, expectTenantIsolation, signInCookie } from "../setup/routes";

let db: Db;
let s: Awaited<ReturnType<typeof createPaymentsSetting>>;
let registration: { id: string; number: number };
const SECRET_REFERENCE = "SPEI-SECRETO-4711";
const cookies = {} as Record<"owner" | "outsider" | "viewer" | "collector" | "stranger", string>;

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  s = await createPaymentsSetting(db);
  registration = await registerPayment(
    db,
    { userId: s.customer.id, label: s.customer.email },
    {
      accountId: s.account.id,
      method: "spei",
      paidOn: "2026-11-19",
      amount: "500.00",
      currency: "MXN",
      bank: "Banorte",
      reference: SECRET_REFERENCE,
      allocations: [{ documentId: s.oldest.id, amount: "500.00" }],
      proof: {
        fieldName: "proof",
        fileName: "cep.xml",
        mediaType: "application/xml",
        sha256: "b".repeat(64),
        size: 6,
        bytes: new TextEncoder().encode("<CEP/>"),
      },
      staffEntered: false,
    },
    { now: new Date() },
  );
  const viewer = await createTestCustomer(db, [{ accountId: s.account.id, role: "viewer" }]);
  cookies.owner = await signInCookie(db, s.customer.id);
  cookies.outsider = await signInCookie(db, s.outsider.id);
  cookies.viewer = await signInCookie(db, viewer.id);
  cookies.collector = await signInCookie(db, s.collector.id);
  cookies.stranger = await signInCookie(db, s.stranger.id);
});

const markers = () => [registration.id, SECRET_REFERENCE, `RP-${registration.number}`];
const row = async () =>
  (await db.select().from(paymentRegistrations).where(eq(paymentRegistrations.id, registration.id)))[0];

describe("who reaches a registered payment", () => {
  it("a customer of another account gets 404 on every URL of it and cannot register on the account", async () => {
    const params = { registrationId: registration.id };
    const base = `/portal/payments/registrations/${registration.id}`;
    for (const [name, handler, path] of [
      ["detail", portalRegistration.loader, base],
      ["receipt", portalReceipt.loader, `${base}/receipt`],
      ["proof", portalProof.loader, `${base}/proof`],
    ] as const)
      await expectTenantIsolation({
        name,
        handler,
        calls: [{ path, params, cookie: cookies.outsider }],
        foreignMarkers: markers(),
      });
    const list = await callRoute(portalRegistrations.loader, {
      path: "/portal/payments/registrations",
      cookie: cookies.outsider,
    });
    expect(JSON.stringify(list.body)).not.toContain(registration.id);
    // The form names account A: refused (404), whatever the cookie selects; nothing written.
    const before = (await db.select().from(paymentRegistrations)).length;
    const attempt = await callRoute(portalNew.action, {
      path: "/portal/payments/new",
      cookie: await signInCookie(db, s.outsider.id, { selection: s.account.id }),
      form: {
        accountId: s.account.id,
        method: "spei",
        paidOn: "2026-11-19",
        amount: "10.00",
        currency: "MXN",
        bank: "BBVA",
        reference: "X1",
      },
    });
    expect(attempt.status).toBe(404);
    // The loader offers only its own account, with its own invoices.
    const form = await callRoute(portalNew.loader, {
      path: `/portal/payments/new?account=${s.account.id}`,
      cookie: cookies.outsider,
    });
    expect(JSON.stringify(form.body)).not.toContain(s.account.id);
    expect(JSON.stringify(form.body)).not.toContain(s.oldest.id);
    expect((await db.select().from(paymentRegistrations)).length).toBe(before);
  });

  it("a viewer may read but not register (403)", async () => {
    const attempt = await callRoute(portalNew.action, {
      path: "/portal/payments/new",
      cookie: cookies.viewer,
      form: {
        accountId: s.account.id,
        method: "spei",
        paidOn: "2026-11-19",
        amount: "10.00",
        currency: "MXN",
        bank: "B",
        reference: "R",
      },
    });
    expect(attempt.status).toBe(403);
  });

  it("a collector outside the portfolio gets 404 on the registration, its actions and downloads, and an empty queue", async () => {
    const params = { registrationId: registration.id };
    const cookie = cookies.stranger;
    const v = String((await row()).version);
    expect(
      (await callRoute(staffRegistration.loader, { path: `/staff/payments/${registration.id}`, params, cookie }))
        .status,
    ).toBe(404);
    const forms: Record<string, string>[] = [
      { intent: "confirm", version: v },
      { intent: "reject", version: v, reason: "no" },
      { intent: "duplicate", version: v, decision: "genuine" },
    ];
    for (const form of forms) {
      const result = await callRoute(staffRegistration.action, {
        path: `/staff/payments/${registration.id}`,
        params,
        cookie,
        form,
      });
      expect(result.status, form.intent).toBe(404);
    }
    expect(
      (await callRoute(staffReceipt.loader, { path: `/staff/payments/${registration.id}/receipt`, params, cookie }))
        .status,
    ).toBe(404);
    expect(
      (await callRoute(staffProof.loader, { path: `/staff/payments/${registration.id}/proof`, params, cookie })).status,
    ).toBe(404);
    const queue = await callRoute(staffQueue.loader, { path: "/staff/payments", cookie });
    expect(JSON.stringify(queue.body)).not.toContain(registration.id);
    const own = await callRoute(staffQueue.loader, { path: "/staff/payments", cookie: cookies.collector });
    expect(JSON.stringify(own.body)).toContain(registration.id);
    // A manual receipt on an account outside the portfolio: 404.
    const manual = await callRoute(staffNew.action, {
      path: `/staff/accounts/${s.account.id}/payments/new`,
      params: { accountId: s.account.id },
      cookie,
      form: {
        accountId: s.account.id,
        method: "deposit",
        paidOn: "2026-11-19",
        amount: "5.00",
        currency: "MXN",
        bank: "B",
        reference: "R",
      },
    });
    expect(manual.status).toBe(404);
    expect((await row()).status).toBe("in_review");
  });
});

describe("registering, confirming and the REP", () => {
  it("the owner registers with an allocation and sees it in review; the provisional receipt is a PDF", async () => {
    const result = await callRoute(portalNew.action, {
      path: "/portal/payments/new",
      cookie: cookies.owner,
      form: {
        accountId: s.account.id,
        method: "spei",
        paidOn: "2026-11-18",
        amount: "300.00",
        currency: "MXN",
        bank: "BBVA",
        reference: "MBAN01002611180042",
        "allocations[0].documentId": s.newer.id,
        "allocations[0].amount": "300.00",
      },
    });
    expect(result.status).toBe(302);
    const id = result.headers.get("location")!.split("/").pop()!;
    const page = await callRoute(portalRegistration.loader, {
      path: `/portal/payments/registrations/${id}`,
      params: { registrationId: id },
      cookie: cookies.owner,
    });
    expect((page.body as { registration: { status: string; onAccount: string } }).registration).toMatchObject({
      status: "in_review",
      onAccount: "0.00",
    });
    const pdf = await callRoute(portalReceipt.loader, {
      path: `/portal/payments/registrations/${id}/receipt`,
      params: { registrationId: id },
      cookie: cookies.owner,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(String(pdf.body).startsWith("%PDF")).toBe(true);
  }, 60_000);

  it("the collector confirms; the REP downloads (XML, PDF) for the owner, from the invoice too, and is 404 for others", async () => {
    const params = { registrationId: registration.id };
    const v = String((await row()).version);
    const confirmed = await callRoute(staffRegistration.action, {
      path: `/staff/payments/${registration.id}`,
      params,
      cookie: cookies.collector,
      form: { intent: "confirm", version: v },
    });
    expect(confirmed.status).toBe(200);
    expect((await row()).status).toBe("confirmed");
    // A second confirmation (same stale form) changes nothing.
    const again = await callRoute(staffRegistration.action, {
      path: `/staff/payments/${registration.id}`,
      params,
      cookie: cookies.collector,
      form: { intent: "confirm", version: v },
    });
    expect(again.status).toBe(400);
    const [rep] = await db.select().from(paymentReceipts).where(eq(paymentReceipts.registrationId, registration.id));
    const repParams = (format: string) => ({ receiptId: rep.id, format });
    const xml = await callRoute(portalRep.loader, {
      path: `/portal/payments/reps/${rep.id}/xml`,
      params: repParams("xml"),
      cookie: cookies.owner,
    });
    expect(xml.status).toBe(200);
    expect(String(xml.body)).toContain('TipoDeComprobante="P"');
    expect(String(xml.body)).toContain('ImpSaldoInsoluto="660.00"');
    const pdf = await callRoute(portalRep.loader, {
      path: `/portal/payments/reps/${rep.id}/pdf`,
      params: repParams("pdf"),
      cookie: cookies.owner,
    });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const doc = await callRoute(portalDocument.loader, {
      path: `/portal/documents/${s.oldest.id}`,
      params: { documentId: s.oldest.id },
      cookie: cookies.owner,
    });
    expect(JSON.stringify(doc.body)).toContain(rep.id);
    for (const format of ["xml", "pdf"]) {
      await expectTenantIsolation({
        name: `rep ${format}`,
        handler: portalRep.loader,
        calls: [
          { path: `/portal/payments/reps/${rep.id}/${format}`, params: repParams(format), cookie: cookies.outsider },
        ],
        foreignMarkers: [rep.uuid, SECRET_REFERENCE],
      });
      expect(
        (
          await callRoute(staffRep.loader, {
            path: `/staff/payments/reps/${rep.id}/${format}`,
            params: repParams(format),
            cookie: cookies.stranger,
          })
        ).status,
      ).toBe(404);
    }
    expect(
      (
        await callRoute(staffRep.loader, {
          path: `/staff/payments/reps/${rep.id}/xml`,
          params: repParams("xml"),
          cookie: cookies.collector,
        })
      ).status,
    ).toBe(200);
  }, 60_000);

  it("a collector's manual receipt is marked staff-entered", async () => {
    const result = await callRoute(staffNew.action, {
      path: `/staff/accounts/${s.account.id}/payments/new`,
      params: { accountId: s.account.id },
      cookie: cookies.collector,
      form: {
        accountId: s.account.id,
        method: "deposit",
        paidOn: "2026-11-19",
        amount: "50.00",
        currency: "MXN",
        bank: "Santander",
        reference: "DEP-778",
      },
    });
    expect(result.status).toBe(302);
    const id = result.headers.get("location")!.split("/").pop()!;
    const [created] = await db.select().from(paymentRegistrations).where(eq(paymentRegistrations.id, id));
    expect(created).toMatchObject({ staffEntered: true, registeredById: s.collector.id, status: "in_review" });
  });
});
