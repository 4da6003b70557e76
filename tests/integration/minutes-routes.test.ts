// The minutes pages (staff+/accounts.$accountId+/minutes*, portal+/minutes*): the collector records
// minutes with a payment-promise agreement through the form and sends them (the attendees get an
// email with the portal link); an attendee proposes corrections, the collector answers them; both
// attendees sign (the promise appears among the account's promises); the sealed PDF downloads and
// verifies on the public page; corrections accepted make a new version. A customer of another account
// and a collector who does not reach the account get 404 on every URL and see nothing of it; a viewer
// sees the minutes but cannot sign (403); malformed forms answer 400.
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { envelopes, minuteCorrections, paymentPromises, signingCodes } from "#db/schema";
import * as verifyRoute from "~/routes/_auth+/verify";
import * as portalMinutes from "~/routes/portal+/minutes.$envelopeId";
import * as portalPdf from "~/routes/portal+/minutes.$envelopeId_.pdf";
import * as portalList from "~/routes/portal+/minutes._index";
import * as portalPromises from "~/routes/portal+/promises";
import * as portalReconciliation from "~/routes/portal+/reconciliations.$envelopeId";
import * as staffMinutes from "~/routes/staff+/accounts.$accountId+/minutes.$envelopeId";
import * as staffPdf from "~/routes/staff+/accounts.$accountId+/minutes.$envelopeId_.pdf";
import * as staffList from "~/routes/staff+/accounts.$accountId+/minutes._index";
import * as staffNew from "~/routes/staff+/accounts.$accountId+/minutes.new";
import { settleBackgroundWork } from "~/utils/background.server";
import type { Db } from "~/utils/db.server";
import { type SigningSetting, createSigningSetting } from "../fixtures/signing";
import { TEST_PASSWORD, createTestStaff } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { BASE, callRoute, expectTenantIsolation, signInCookie } from "../setup/routes";

let db: Db;
let s: SigningSetting;
let minutes: typeof envelopes.$inferSelect;
const PLACE = "Sala secreta de la minuta 7734";
const cookies = {} as Record<"payer" | "admin" | "viewer" | "outsider" | "collector" | "strangerCollector", string>;

/** The staff form's fields: the payer and the administrator attend; the second agreement promises 300.00. */
function minutesForm(extra: Record<string, string> = {}) {
  return {
    intent: "record",
    meetingDate: "2026-12-01",
    channel: "video",
    place: PLACE,
    "customerAttendeeIds[0]": s.customer.id,
    "customerAttendeeIds[1]": s.admin.id,
    sellerAttendees: "Cobranza Prueba\nGerente de crédito",
    "topics[0].title": "Saldo vencido",
    "topics[0].notes": "Revisamos la factura de octubre",
    "agreements[0].text": "Enviar estado de cuenta",
    "agreements[0].owner": "Cobranza",
    "agreements[0].dueDate": "2026-12-04",
    "agreements[1].text": "Pago parcial",
    "agreements[1].owner": "Compras",
    "agreements[1].dueDate": "2026-12-20",
    "agreements[1].items[0].documentId": s.invoice.id,
    "agreements[1].items[0].selected": "on",
    "agreements[1].items[0].amount": "300.00",
    ...extra,
  };
}

const staffPath = () => `/staff/accounts/${s.account.id}/minutes`;
const sign = (cookie: string, typedName: string) =>
  callRoute(portalMinutes.action, {
    path: `/portal/minutes/${minutes.id}`,
    params: { envelopeId: minutes.id },
    cookie,
    form: { intent: "sign", contentSha256: minutes.contentSha256, password: TEST_PASSWORD, typedName, consent: "on" },
  });

routeTest.beforeAll(async ({ db: fileDb, mailbox }) => {
  db = fileDb;
  s = await createSigningSetting(db);
  cookies.payer = await signInCookie(db, s.customer.id);
  cookies.admin = await signInCookie(db, s.admin.id);
  cookies.viewer = await signInCookie(db, s.viewer.id);
  cookies.outsider = await signInCookie(db, s.outsider.id);
  cookies.collector = await signInCookie(db, s.collector.id);
  cookies.strangerCollector = await signInCookie(db, (await createTestStaff(db, "collector")).id);
  // The form offers the account's signers and open invoices.
  const form = await callRoute(staffNew.loader, {
    path: `${staffPath()}/new`,
    params: { accountId: s.account.id },
    cookie: cookies.collector,
  });
  expect(form.status).toBe(200);
  const offered = form.body as { attendees: { userId: string }[]; documents: { id: string }[] };
  expect(offered.attendees.map((a) => a.userId).sort()).toEqual([s.customer.id, s.admin.id].sort());
  expect(offered.documents.map((d) => d.id)).toEqual([s.invoice.id]);
  const recorded = await callRoute(staffNew.action, {
    path: `${staffPath()}/new`,
    params: { accountId: s.account.id },
    cookie: cookies.collector,
    form: minutesForm(),
  });
  expect(recorded.status).toBe(302);
  [minutes] = await db.select().from(envelopes).where(eq(envelopes.kind, "minutes"));
  expect(minutes.status).toBe("draft");
  const sent = await callRoute(staffMinutes.action, {
    path: `${staffPath()}/${minutes.id}`,
    params: { accountId: s.account.id, envelopeId: minutes.id },
    cookie: cookies.collector,
    form: { intent: "send" },
  });
  expect(sent.status).toBe(302);
  const mail = await mailbox.waitFor(s.admin.email, /minuta/);
  expect(mail.text).toContain(`/portal/minutes/${minutes.id}`);
  [minutes] = await db.select().from(envelopes).where(eq(envelopes.id, minutes.id));
  expect(minutes.status).toBe("sent");
});

const markers = () => [minutes.id, PLACE, minutes.verificationCode, minutes.contentSha256];

describe("who reaches minutes", () => {
  routeTest("a customer of another account gets 404 on every URL and sees nothing of them", async () => {
    const params = { envelopeId: minutes.id };
    const path = `/portal/minutes/${minutes.id}`;
    await expectTenantIsolation({
      name: "portal minutes",
      handler: portalMinutes.loader,
      calls: [{ path, params, cookie: cookies.outsider }],
      foreignMarkers: markers(),
    });
    await expectTenantIsolation({
      name: "portal minutes sign and correct",
      handler: portalMinutes.action,
      calls: [
        {
          path,
          params,
          cookie: cookies.outsider,
          form: {
            intent: "sign",
            contentSha256: minutes.contentSha256,
            password: TEST_PASSWORD,
            typedName: "Intruso",
            consent: "on",
          },
        },
        {
          path,
          params,
          cookie: cookies.outsider,
          form: {
            intent: "correct",
            contentSha256: minutes.contentSha256,
            "corrections[0].target": "general",
            "corrections[0].text": "x",
          },
        },
        // The one-time code by email: another account's signer is not found, and no code is sent.
        { path, params, cookie: cookies.outsider, form: { intent: "send-code" } },
        {
          path,
          params,
          cookie: cookies.outsider,
          form: {
            intent: "sign",
            contentSha256: minutes.contentSha256,
            method: "email_code",
            code: "123456",
            typedName: "Intruso",
            consent: "on",
          },
        },
      ],
      foreignMarkers: markers(),
    });
    expect(
      await db.select().from(signingCodes).where(eq(signingCodes.envelopeId, minutes.id)),
      "no code was issued to the outsider",
    ).toEqual([]);
    await expectTenantIsolation({
      name: "portal minutes pdf",
      handler: portalPdf.loader,
      calls: [{ path: `${path}/pdf`, params, cookie: cookies.outsider }],
      foreignMarkers: markers(),
    });
    const list = await callRoute(portalList.loader, { path: "/portal/minutes", cookie: cookies.outsider });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(minutes.id);
    const mine = await callRoute(portalList.loader, { path: "/portal/minutes", cookie: cookies.payer });
    expect(JSON.stringify(mine.body)).toContain(minutes.id);
    // Minutes are not reconciliations: the reconciliation page does not open them.
    const asReconciliation = await callRoute(portalReconciliation.loader, {
      path: `/portal/reconciliations/${minutes.id}`,
      params,
      cookie: cookies.payer,
    });
    expect(asReconciliation.status).toBe(404);
    expect((await db.select().from(envelopes).where(eq(envelopes.id, minutes.id)))[0].status).toBe("sent");
  });

  routeTest("a collector who does not reach the account gets 404 on every staff URL", async () => {
    const params = { accountId: s.account.id, envelopeId: minutes.id };
    const path = `${staffPath()}/${minutes.id}`;
    for (const [handler, url] of [
      [staffMinutes.loader, path],
      [staffPdf.loader, `${path}/pdf`],
      [staffList.loader, staffPath()],
      [staffNew.loader, `${staffPath()}/new?from=${minutes.id}`],
    ] as const) {
      const r = await callRoute(handler, { path: url, params, cookie: cookies.strangerCollector });
      expect(r.status, url).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(PLACE);
    }
    for (const [handler, form] of [
      [staffMinutes.action, { intent: "send" }],
      [staffNew.action, minutesForm()],
      [staffNew.action, minutesForm({ supersedesId: minutes.id })],
    ] as const) {
      const r = await callRoute(handler, { path, params, cookie: cookies.strangerCollector, form });
      expect(r.status).toBe(404);
    }
    // The right account with another account's minutes is not found either.
    for (const handler of [staffMinutes.loader, staffPdf.loader]) {
      const crossed = await callRoute(handler, {
        path: `/staff/accounts/${s.other.id}/minutes/${minutes.id}`,
        params: { accountId: s.other.id, envelopeId: minutes.id },
        cookie: cookies.collector,
      });
      expect([403, 404]).toContain(crossed.status);
    }
    // A customer is not staff.
    const customer = await callRoute(staffList.loader, { path: staffPath(), params, cookie: cookies.payer });
    expect([302, 403, 404]).toContain(customer.status);
  });

  routeTest("a viewer sees the minutes but may neither sign nor correct them", async () => {
    const params = { envelopeId: minutes.id };
    const path = `/portal/minutes/${minutes.id}`;
    const page = await callRoute(portalMinutes.loader, { path, params, cookie: cookies.viewer });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ canAnswer: false, open: true });
    expect((await sign(cookies.viewer, "Visor")).status).toBe(403);
  });

  routeTest("malformed forms answer 400 and change nothing", async () => {
    const params = { accountId: s.account.id };
    for (const form of [
      minutesForm({ meetingDate: "2026-02-30" }),
      minutesForm({ channel: "telepathy" }),
      minutesForm({ "customerAttendeeIds[0]": "", "customerAttendeeIds[1]": "" }),
      minutesForm({ "agreements[1].items[0].amount": "-5" }),
      minutesForm({ "topics[0].title": "" }),
      { intent: "record" },
      { intent: "nonsense" },
    ]) {
      const r = await callRoute(staffNew.action, {
        path: `${staffPath()}/new`,
        params,
        cookie: cookies.collector,
        form,
      });
      expect(r.status, JSON.stringify(form).slice(0, 80)).toBe(400);
    }
    // Rules the domain checks come back on the form: a viewer as attendee, more than is open.
    for (const form of [
      minutesForm({ "customerAttendeeIds[1]": s.viewer.id }),
      minutesForm({ "agreements[1].items[0].amount": "5000.00" }),
    ]) {
      const r = await callRoute(staffNew.action, {
        path: `${staffPath()}/new`,
        params,
        cookie: cookies.collector,
        form,
      });
      expect(r.status).toBe(400);
    }
    const portal = await callRoute(portalMinutes.action, {
      path: `/portal/minutes/${minutes.id}`,
      params: { envelopeId: minutes.id },
      cookie: cookies.payer,
      form: { intent: "correct", contentSha256: minutes.contentSha256, "corrections[0].target": "general" },
    });
    expect(portal.status).toBe(400);
    const staff = await callRoute(staffMinutes.action, {
      path: `${staffPath()}/${minutes.id}`,
      params: { accountId: s.account.id, envelopeId: minutes.id },
      cookie: cookies.collector,
      form: { intent: "answer", correctionId: "nope", message: "" },
    });
    expect(staff.status).toBe(400);
    expect(await db.select().from(envelopes).where(eq(envelopes.kind, "minutes"))).toHaveLength(1);
  });
});

describe("the whole flow through the pages", () => {
  routeTest("corrections answered, both attendees sign, the promise appears, the sealed PDF verifies", async () => {
    const params = { envelopeId: minutes.id };
    const path = `/portal/minutes/${minutes.id}`;
    const page = await callRoute(portalMinutes.loader, { path, params, cookie: cookies.admin });
    expect(page.body).toMatchObject({ canAnswer: true, open: true });
    expect((await db.select().from(envelopes).where(eq(envelopes.id, minutes.id)))[0].status).toBe("viewed");

    const corrected = await callRoute(portalMinutes.action, {
      path,
      params,
      cookie: cookies.admin,
      form: {
        intent: "correct",
        contentSha256: minutes.contentSha256,
        "corrections[0].target": "topic",
        "corrections[0].targetId": "T1",
        "corrections[0].text": "",
        "corrections[1].target": "agreement",
        "corrections[1].targetId": "A2",
        "corrections[1].text": "¿No era el 21?",
      },
    });
    expect(corrected.status).toBe(302);
    const [correction] = await db.select().from(minuteCorrections).where(eq(minuteCorrections.envelopeId, minutes.id));
    expect(correction.items).toEqual([{ target: "agreement", targetId: "A2", text: "¿No era el 21?" }]);
    expect((await sign(cookies.payer, "Cliente Prueba")).status).toBe(400);
    const staffPage = await callRoute(staffMinutes.loader, {
      path: `${staffPath()}/${minutes.id}`,
      params: { accountId: s.account.id, envelopeId: minutes.id },
      cookie: cookies.collector,
    });
    expect(staffPage.body).toMatchObject({ canRespond: true });
    const answered = await callRoute(staffMinutes.action, {
      path: `${staffPath()}/${minutes.id}`,
      params: { accountId: s.account.id, envelopeId: minutes.id },
      cookie: cookies.collector,
      form: { intent: "answer", correctionId: correction.id, message: "Quedó el 20" },
    });
    expect(answered.status).toBe(302);

    expect((await sign(cookies.payer, "Cliente Prueba")).status).toBe(302);
    expect(await db.select().from(paymentPromises).where(eq(paymentPromises.accountId, s.account.id))).toEqual([]);
    expect((await sign(cookies.admin, "Administradora Prueba")).status).toBe(302);
    await settleBackgroundWork();
    const [row] = await db.select().from(envelopes).where(eq(envelopes.id, minutes.id));
    expect(row.status).toBe("signed");
    expect(row.sealedAt).not.toBeNull();

    // The promise is among the account's promises in the portal.
    const promises = await callRoute(portalPromises.loader, { path: "/portal/promises", cookie: cookies.payer });
    expect(JSON.stringify(promises.body)).toContain("300.00");
    const [promise] = await db.select().from(paymentPromises).where(eq(paymentPromises.accountId, s.account.id));
    expect(promise).toMatchObject({ amount: "300.00", promisedDate: "2026-12-20", status: "pending" });
    const after = await callRoute(portalMinutes.loader, { path, params, cookie: cookies.payer });
    expect(JSON.stringify(after.body)).toContain(promise.id);

    for (const [handler, url, cookie, p] of [
      [portalPdf.loader, `${path}/pdf`, cookies.payer, params],
      [staffPdf.loader, `${staffPath()}/${minutes.id}/pdf`, cookies.collector, { ...params, accountId: s.account.id }],
    ] as const) {
      const pdf = await callRoute(handler, { path: url, params: p, cookie });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      expect(pdf.headers.get("content-disposition")).toContain(`minuta-${row.number}`);
      const bytes = new Uint8Array(await pdf.response!.arrayBuffer());
      expect(Buffer.from(bytes).equals(Buffer.from(row.sealedPdf!))).toBe(true);
    }
    const byCode = await callRoute(verifyRoute.loader, { path: `/verify?code=${row.verificationCode}` });
    expect(byCode.body).toMatchObject({ checked: true, envelope: { number: row.number, status: "signed" } });
    const body = new FormData();
    body.set("pdf", new File([row.sealedPdf! as Uint8Array<ArrayBuffer>], "minuta.pdf", { type: "application/pdf" }));
    const request = new Request(`${BASE}/verify`, { method: "POST", body, headers: { Origin: BASE } });
    const uploaded = (await verifyRoute.action({ request, params: {}, context: {} })) as {
      upload: { result: string; signature: { valid: boolean } } | null;
    };
    expect(uploaded.upload).toMatchObject({ result: "sealed_copy", signature: { valid: true } });
  });

  routeTest(
    "corrections accepted through the form make a new version; the old one is kept and links to it",
    async () => {
      const recorded = await callRoute(staffNew.action, {
        path: `${staffPath()}/new`,
        params: { accountId: s.account.id },
        cookie: cookies.collector,
        form: minutesForm({ place: "Segunda reunión", "agreements[1].items[0].selected": "" }),
      });
      expect(recorded.status).toBe(302);
      const [first] = await db.select().from(envelopes).where(eq(envelopes.status, "draft"));
      await callRoute(staffMinutes.action, {
        path: `${staffPath()}/${first.id}`,
        params: { accountId: s.account.id, envelopeId: first.id },
        cookie: cookies.collector,
        form: { intent: "send" },
      });
      const proposed = await callRoute(portalMinutes.action, {
        path: `/portal/minutes/${first.id}`,
        params: { envelopeId: first.id },
        cookie: cookies.payer,
        form: {
          intent: "correct",
          contentSha256: first.contentSha256,
          "corrections[0].target": "general",
          "corrections[0].text": "Faltó el gerente de compras",
        },
      });
      expect(proposed.status).toBe(302);
      const form = await callRoute(staffNew.loader, {
        path: `${staffPath()}/new?from=${first.id}`,
        params: { accountId: s.account.id },
        cookie: cookies.collector,
      });
      expect(form.body).toMatchObject({ revising: { corrections: [{ text: "Faltó el gerente de compras" }] } });
      const revised = await callRoute(staffNew.action, {
        path: `${staffPath()}/new`,
        params: { accountId: s.account.id },
        cookie: cookies.collector,
        form: minutesForm({
          supersedesId: first.id,
          place: "Segunda reunión",
          sellerAttendees: "Cobranza Prueba\nGerente de compras",
          "agreements[1].items[0].selected": "",
        }),
      });
      expect(revised.status).toBe(302);
      const [old] = await db.select().from(envelopes).where(eq(envelopes.id, first.id));
      const [next] = await db.select().from(envelopes).where(eq(envelopes.supersedesId, first.id));
      expect(old.status).toBe("superseded");
      expect(next).toMatchObject({ status: "sent", version: 2 });
      const oldPage = await callRoute(portalMinutes.loader, {
        path: `/portal/minutes/${first.id}`,
        params: { envelopeId: first.id },
        cookie: cookies.payer,
      });
      expect(oldPage.body).toMatchObject({ open: false, minutes: { supersededBy: { id: next.id, version: 2 } } });
      // Revising again from the superseded version is refused.
      const again = await callRoute(staffNew.loader, {
        path: `${staffPath()}/new?from=${first.id}`,
        params: { accountId: s.account.id },
        cookie: cookies.collector,
      });
      expect(again.status).toBe(404);
    },
  );
});
