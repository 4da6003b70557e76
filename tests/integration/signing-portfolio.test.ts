// The collectors' reconciliation portfolio and the month-end batch send, in the domain and through
// /staff/reconciliations, plus the one-time code through the portal page: status per account (none,
// sent, viewed, signed, expired) on keyset pages scoped to the accounts the staff member reaches; a
// batch prepares and sends one per account in bounded transactions, skips (and audits) accounts
// without signers, with one still waiting, or out of reach, and its emails arrive over SMTP through
// the sweeper. Another collector and a customer of another account see and send nothing of it.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, envelopeSigners, envelopes, signingCodes } from "#db/schema";
import { parseAuditEvent } from "~/domain/audit/audit-events";
import { listReconciliationPortfolio } from "~/domain/signing/read-reconciliation-portfolio.server";
import { recordEnvelopeView } from "~/domain/signing/record-envelope-view.server";
import { sendReconciliationBatch } from "~/domain/signing/send-reconciliation-batch.server";
import { runDueTasks } from "~/jobs/scheduled-tasks.server";
import { TASK_HANDLERS } from "~/jobs/task-handlers.server";
import * as portalEnvelope from "~/routes/portal+/reconciliations.$envelopeId";
import * as portfolio from "~/routes/staff+/reconciliations";
import type { Db } from "~/utils/db.server";
import { createTestAccount } from "../fixtures/organization";
import { CUTOFF, SIGNING_NOW, type SigningSetting, createSigningSetting } from "../fixtures/signing";
import { createTestStaff } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute, expectTenantIsolation, signInCookie } from "../setup/routes";

let db: Db;
let s: SigningSetting;
let noSigners: Awaited<ReturnType<typeof createTestAccount>>;
let extra: Awaited<ReturnType<typeof createTestAccount>>;
let stranger: Awaited<ReturnType<typeof createTestStaff>>;
const cookies = {} as Record<
  "collector" | "strangerCollector" | "payer" | "viewer" | "outsider" | "supervisor",
  string
>;
const staffOf = (u: { id: string }, staffRole: "collector" | "supervisor" | "admin" = "collector") => ({
  id: u.id,
  staffRole,
});
const sweep = (now: Date) => runDueTasks(db, { now, workerId: "portfolio-test", handlers: TASK_HANDLERS, limit: 100 });

routeTest.beforeAll(async ({ db: fileDb }) => {
  db = fileDb;
  s = await createSigningSetting(db);
  noSigners = await createTestAccount(db, s.org, { collectorId: s.collector.id });
  extra = await createTestAccount(db, s.org, { collectorId: s.collector.id });
  stranger = await createTestStaff(db, "collector");
  cookies.collector = await signInCookie(db, s.collector.id);
  cookies.supervisor = await signInCookie(db, s.supervisor.id);
  cookies.strangerCollector = await signInCookie(db, stranger.id);
  cookies.payer = await signInCookie(db, s.customer.id);
  cookies.viewer = await signInCookie(db, s.viewer.id);
  cookies.outsider = await signInCookie(db, s.outsider.id);
});

describe("portfolio list", () => {
  routeTest(
    "lists the collector's accounts only, with none before any reconciliation, a keyset page at a time",
    async () => {
      const mine = await listReconciliationPortfolio(db, staffOf(s.collector), { filters: {}, now: SIGNING_NOW });
      const ids = mine.rows.map((r) => r.accountId);
      expect(ids).toEqual(expect.arrayContaining([s.account.id, noSigners.id, extra.id]));
      expect(ids).not.toContain(s.other.id);
      expect(mine.rows.every((r) => r.status === "none")).toBe(true);
      // Pages of one, forward and back, give the same accounts in account-number order.
      const forward: string[] = [];
      let page = await listReconciliationPortfolio(db, staffOf(s.collector), {
        filters: {},
        now: SIGNING_NOW,
        size: 1,
      });
      forward.push(...page.rows.map((r) => r.accountId));
      expect(page.prevCursor).toBeNull();
      while (page.nextCursor) {
        page = await listReconciliationPortfolio(db, staffOf(s.collector), {
          filters: {},
          page: { after: page.nextCursor },
          now: SIGNING_NOW,
          size: 1,
        });
        forward.push(...page.rows.map((r) => r.accountId));
      }
      expect(forward).toEqual(ids);
      const back = await listReconciliationPortfolio(db, staffOf(s.collector), {
        filters: {},
        page: { before: page.prevCursor! },
        now: SIGNING_NOW,
        size: 1,
      });
      expect(back.rows.map((r) => r.accountId)).toEqual([ids.at(-2)]);
      // A tampered cursor starts over.
      const tampered = await listReconciliationPortfolio(db, staffOf(s.collector), {
        filters: {},
        page: { after: "bm90LWpzb24" },
        now: SIGNING_NOW,
        size: 1,
      });
      expect(tampered.rows.map((r) => r.accountId)).toEqual([ids[0]]);
      // The supervisor sees its collector's accounts; another collector none of them.
      const team = await listReconciliationPortfolio(db, staffOf(s.supervisor, "supervisor"), {
        filters: {},
        now: SIGNING_NOW,
      });
      expect(team.rows.map((r) => r.accountId)).toEqual(expect.arrayContaining(ids));
      const theirs = await listReconciliationPortfolio(db, staffOf(stranger), { filters: {}, now: SIGNING_NOW });
      expect(theirs.rows).toEqual([]);
    },
  );
});

describe("month-end batch send", () => {
  routeTest(
    "sends one per account with signers, skips the others with their reason, audited, emails over SMTP",
    async ({ mailbox }) => {
      const result = await sendReconciliationBatch(
        db,
        s.collectorActor,
        staffOf(s.collector),
        { accountIds: [s.account.id, noSigners.id, s.other.id, s.account.id], cutoffDate: CUTOFF, message: "Cierre" },
        { now: SIGNING_NOW, chunkSize: 2 },
      );
      expect(result.sent.map((x) => x.accountId)).toEqual([s.account.id]);
      expect(result.skipped.map((x) => [x.accountId, x.reason])).toEqual([
        [noSigners.id, "no_signers"],
        [s.other.id, "not_found"],
      ]);
      const envelopeId = result.sent[0].envelopeId;
      const [row] = await db.select().from(envelopes).where(eq(envelopes.id, envelopeId));
      expect(row).toMatchObject({ status: "sent", cutoffDate: CUTOFF, message: "Cierre" });
      const signers = await db.select().from(envelopeSigners).where(eq(envelopeSigners.envelopeId, envelopeId));
      expect(signers.map((x) => x.userId).sort()).toEqual([s.customer.id, s.admin.id].sort());
      // Audited in the same transactions: the send names its batch; the skipped account has its event.
      const events = await db
        .select()
        .from(auditEvents)
        .where(inArray(auditEvents.action, ["envelope.sent", "envelope.batch_skipped"]));
      const sent = events.map(parseAuditEvent).find((e) => e.action === "envelope.sent" && e.entityId === envelopeId);
      expect(sent?.action === "envelope.sent" && sent.after.batchId).toBe(result.batchId);
      const skippedEvents = events.map(parseAuditEvent).filter((e) => e.action === "envelope.batch_skipped");
      expect(skippedEvents.map((e) => e.entityId)).toEqual([noSigners.id]);
      // The emails are tasks: the sweeper delivers them.
      await sweep(SIGNING_NOW);
      const mail = await mailbox.waitFor(s.customer.email, /saldo/);
      expect(mail.text).toContain(`/portal/reconciliations/${envelopeId}`);
      await mailbox.waitFor(s.admin.email, /saldo/);
      // A second batch skips the account whose reconciliation still waits.
      const again = await sendReconciliationBatch(
        db,
        s.collectorActor,
        staffOf(s.collector),
        { accountIds: [s.account.id], cutoffDate: CUTOFF, message: "" },
        { now: SIGNING_NOW },
      );
      expect(again.skipped.map((x) => x.reason)).toEqual(["already_waiting"]);
      // The portfolio shows it sent, then viewed, and filters by status.
      const sentList = await listReconciliationPortfolio(db, staffOf(s.collector), {
        filters: { status: "sent" },
        now: SIGNING_NOW,
      });
      expect(sentList.rows.map((r) => r.accountId)).toEqual([s.account.id]);
      await recordEnvelopeView(db, s.payerActor, { id: envelopeId, accountId: s.account.id }, { now: SIGNING_NOW });
      const viewed = await listReconciliationPortfolio(db, staffOf(s.collector), {
        filters: { status: "viewed" },
        now: SIGNING_NOW,
      });
      expect(viewed.rows.map((r) => [r.accountId, r.envelopeId, r.signers])).toEqual([[s.account.id, envelopeId, 2]]);
      const later = new Date(row.expiresAt!.getTime() + 1);
      const expired = await listReconciliationPortfolio(db, staffOf(s.collector), {
        filters: { status: "expired" },
        now: later,
      });
      expect(expired.rows.map((r) => r.accountId)).toEqual([s.account.id]);
      const none = await listReconciliationPortfolio(db, staffOf(s.collector), {
        filters: { status: "none" },
        now: SIGNING_NOW,
      });
      expect(none.rows.map((r) => r.accountId).sort()).toEqual([noSigners.id, extra.id].sort());
    },
  );
});

describe("/staff/reconciliations", () => {
  routeTest(
    "the page lists the collector's accounts; another collector sees none and its batch sends nothing there",
    async () => {
      const page = await callRoute(portfolio.loader, { path: "/staff/reconciliations", cookie: cookies.collector });
      expect(page.status).toBe(200);
      expect(JSON.stringify(page.body)).toContain(s.account.id);
      const filtered = await callRoute(portfolio.loader, {
        path: "/staff/reconciliations?status=bogus&segment=&q=%00&after=!!",
        cookie: cookies.collector,
      });
      expect(filtered.status).toBe(200);
      const [accountRow] = await db.select().from(envelopes).where(eq(envelopes.accountId, extra.id));
      expect(accountRow).toBeUndefined();
      const markers = [s.account.id, extra.id, s.account.legalName, extra.legalName];
      await expectTenantIsolation({
        name: "portfolio list",
        handler: portfolio.loader,
        calls: [{ path: "/staff/reconciliations", cookie: cookies.strangerCollector }],
        foreignMarkers: markers,
        allowedStatuses: [200],
      });
      const foreign = await callRoute(portfolio.action, {
        path: "/staff/reconciliations",
        method: "POST",
        cookie: cookies.strangerCollector,
        form: { intent: "batch-send", cutoffDate: CUTOFF, "accountIds[0]": extra.id },
      });
      expect(foreign.status).toBe(200);
      expect(JSON.stringify(foreign.body)).not.toContain(extra.legalName);
      expect(await db.select().from(envelopes).where(eq(envelopes.accountId, extra.id))).toEqual([]);
      // "Every account the filter matches" for the stranger is none of the collector's.
      const matching = await callRoute(portfolio.action, {
        path: "/staff/reconciliations",
        method: "POST",
        cookie: cookies.strangerCollector,
        form: { intent: "batch-send", cutoffDate: CUTOFF, scope: "matching" },
      });
      expect(matching.status).toBe(400);
      expect(await db.select().from(envelopes).where(eq(envelopes.accountId, extra.id))).toEqual([]);
      // A customer is sent to its portal; nothing is sent.
      const customer = await callRoute(portfolio.action, {
        path: "/staff/reconciliations",
        method: "POST",
        cookie: cookies.payer,
        form: { intent: "batch-send", cutoffDate: CUTOFF, "accountIds[0]": extra.id },
      });
      expect(customer.status).toBe(302);
    },
  );

  routeTest("the collector's batch through the page: sent and skipped listed; bad input is a 400", async () => {
    const bad = await callRoute(portfolio.action, {
      path: "/staff/reconciliations",
      method: "POST",
      cookie: cookies.collector,
      form: { intent: "batch-send", cutoffDate: "2026-02-31", "accountIds[0]": extra.id },
    });
    expect(bad.status).toBe(400);
    const none = await callRoute(portfolio.action, {
      path: "/staff/reconciliations",
      method: "POST",
      cookie: cookies.collector,
      form: { intent: "batch-send", cutoffDate: CUTOFF },
    });
    expect(none.status).toBe(400);
    const r = await callRoute(portfolio.action, {
      path: "/staff/reconciliations",
      method: "POST",
      cookie: cookies.collector,
      form: { intent: "batch-send", cutoffDate: CUTOFF, scope: "matching", status: "none" },
    });
    expect(r.status).toBe(200);
    const body = r.body as { batch: { sent: unknown[]; skipped: { accountId: string; reason: string }[] } };
    // Both accounts without a reconciliation: neither has signers.
    expect(body.batch.sent).toEqual([]);
    expect(body.batch.skipped.map((x) => x.accountId).sort()).toEqual([noSigners.id, extra.id].sort());
    expect(body.batch.skipped[0].reason).toMatch(/firmar/);
  });
});

describe("one-time code through the portal page", () => {
  routeTest(
    "the payer gets a code by email and signs with it; viewer 403, another account's customer 404",
    async ({ mailbox }) => {
      const [envelope] = await db
        .select()
        .from(envelopes)
        .where(and(eq(envelopes.accountId, s.account.id), eq(envelopes.status, "viewed")));
      const path = `/portal/reconciliations/${envelope.id}`;
      const params = { envelopeId: envelope.id };
      await expectTenantIsolation({
        name: "portal send-code",
        handler: portalEnvelope.action,
        calls: [{ path, params, method: "POST", cookie: cookies.outsider, form: { intent: "send-code" } }],
        foreignMarkers: [envelope.id, String(envelope.number), envelope.contentSha256],
      });
      const viewer = await callRoute(portalEnvelope.action, {
        path,
        params,
        method: "POST",
        cookie: cookies.viewer,
        form: { intent: "send-code" },
      });
      expect(viewer.status).toBe(403);
      expect(await db.select().from(signingCodes).where(eq(signingCodes.envelopeId, envelope.id))).toEqual([]);
      const asked = await callRoute(portalEnvelope.action, {
        path,
        params,
        method: "POST",
        cookie: cookies.payer,
        form: { intent: "send-code" },
      });
      expect(asked.status).toBe(200);
      expect(JSON.stringify(asked.body)).toContain(s.customer.email);
      const mail = await mailbox.waitFor(s.customer.email, /código/i);
      const code = /\b(\d{6})\b/.exec(mail.text ?? "")![1];
      const wrong = await callRoute(portalEnvelope.action, {
        path,
        params,
        method: "POST",
        cookie: cookies.payer,
        form: {
          intent: "agree",
          contentSha256: envelope.contentSha256,
          method: "email_code",
          code: code === "999999" ? "999998" : "999999",
          typedName: "Cliente Prueba",
          consent: "on",
        },
      });
      expect(wrong.status).toBe(400);
      expect(JSON.stringify(wrong.body)).toContain("El código no es correcto");
      const signed = await callRoute(portalEnvelope.action, {
        path,
        params,
        method: "POST",
        cookie: cookies.payer,
        form: {
          intent: "agree",
          contentSha256: envelope.contentSha256,
          method: "email_code",
          code,
          typedName: "Cliente Prueba",
          consent: "on",
        },
      });
      expect(signed.status).toBe(302);
      const [signer] = await db
        .select()
        .from(envelopeSigners)
        .where(and(eq(envelopeSigners.envelopeId, envelope.id), eq(envelopeSigners.userId, s.customer.id)));
      expect(signer).toMatchObject({ status: "signed", method: "email_code" });
      const list = await listReconciliationPortfolio(db, staffOf(s.collector), {
        filters: { status: "signed" },
        now: new Date(),
      });
      expect(list.rows.map((r) => r.accountId)).toEqual([s.account.id]);
    },
  );
});
