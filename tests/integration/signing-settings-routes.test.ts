// The administrators' page of each seller's signing deadlines (/staff/signing-settings): an
// administrator changes the reminder interval and the expiry, written with its audit event (before and
// after) in one transaction, and a save that changes nothing writes nothing; values out of range, not
// whole numbers, or a reminder not shorter than the expiry are field errors in Spanish (400) and change
// nothing; an unknown seller is a 404, never a 500. An auditor reads the page but cannot save; a
// collector, a supervisor, an area owner and a customer reach neither the page nor its action.
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { auditEvents, signingSettings } from "#db/schema";
import { DEFAULT_SIGNING_SETTINGS, getSigningSettings } from "~/domain/signing/signing-settings.server";
import * as page from "~/routes/staff+/signing-settings";
import { createTestStaff } from "../fixtures/users";
import { routeTest as test } from "../setup/route-test";
import { callRoute } from "../setup/routes";

const PATH = "/staff/signing-settings";
type PageData = Awaited<ReturnType<typeof page.loader>>;

const eventsOf = (db: Parameters<typeof getSigningSettings>[0], sellerId: string) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "seller.signing_settings_updated"), eq(auditEvents.entityId, sellerId)));

describe("signing settings page", () => {
  test("an administrator reads the defaults, saves new deadlines with their audit event, and a repeat writes nothing", async ({
    db,
    seller,
    signIn,
  }) => {
    const admin = await createTestStaff(db, "admin");
    const cookie = await signIn(admin);
    const loaded = await callRoute(page.loader, { path: PATH, cookie });
    expect(loaded.status).toBe(200);
    const data = loaded.body as PageData;
    expect(data.canEdit).toBe(true);
    expect(data.sellers.find((s) => s.sellerId === seller.seller.id)).toMatchObject({
      ...DEFAULT_SIGNING_SETTINGS,
      updatedAt: null,
    });

    const form = { intent: "save", sellerId: seller.seller.id, reminderEveryDays: "5", expireAfterDays: "20" };
    const saved = await callRoute(page.action, { path: PATH, cookie, form });
    expect(saved.status).toBe(302);
    expect(await getSigningSettings(db, seller.seller.id)).toEqual({ reminderEveryDays: 5, expireAfterDays: 20 });
    const events = await eventsOf(db, seller.seller.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: admin.id,
      entityType: "seller",
      before: DEFAULT_SIGNING_SETTINGS,
      after: { reminderEveryDays: 5, expireAfterDays: 20 },
    });

    const again = await callRoute(page.action, { path: PATH, cookie, form });
    expect(again.status).toBe(302);
    expect(await eventsOf(db, seller.seller.id)).toHaveLength(1);
  });

  test("bad values are field errors (400) in Spanish and change nothing; an unknown seller is a 404", async ({
    db,
    seller,
    signIn,
  }) => {
    const cookie = await signIn(await createTestStaff(db, "admin"));
    const before = await db.select().from(signingSettings).where(eq(signingSettings.sellerId, seller.seller.id));
    const cases: [Record<string, string>, string, string][] = [
      [{ reminderEveryDays: "20", expireAfterDays: "10" }, "reminderEveryDays", "validation.reminderBeforeExpiry"],
      [{ reminderEveryDays: "0", expireAfterDays: "10" }, "reminderEveryDays", "validation.reminderDays"],
      [{ reminderEveryDays: "91", expireAfterDays: "120" }, "reminderEveryDays", "validation.reminderDays"],
      [{ reminderEveryDays: "2.5", expireAfterDays: "10" }, "reminderEveryDays", "validation.reminderDays"],
      [{ reminderEveryDays: "3", expireAfterDays: "181" }, "expireAfterDays", "validation.expiryDays"],
      [{ reminderEveryDays: "3", expireAfterDays: "diez" }, "expireAfterDays", "validation.expiryDays"],
      [{ reminderEveryDays: "3", expireAfterDays: "" }, "expireAfterDays", "validation.expiryDays"],
    ];
    for (const [values, field, key] of cases) {
      const r = await callRoute(page.action, {
        path: PATH,
        cookie,
        form: { intent: "save", sellerId: seller.seller.id, ...values },
      });
      expect(r.status, JSON.stringify(values)).toBe(400);
      const errors = (r.body as { result: { error: Record<string, string[]> } }).result.error;
      expect(errors[field], JSON.stringify(values)).toEqual([key]);
    }
    const { es } = await import("~/i18n/es");
    expect(es.validation.reminderBeforeExpiry).toMatch(/recordatorios/);
    expect(await db.select().from(signingSettings).where(eq(signingSettings.sellerId, seller.seller.id))).toEqual(
      before,
    );

    const unknown = await callRoute(page.action, {
      path: PATH,
      cookie,
      form: { intent: "save", sellerId: "no-such-seller", reminderEveryDays: "3", expireAfterDays: "15" },
    });
    expect(unknown.status).toBe(404);
    const malformed = await callRoute(page.action, {
      path: PATH,
      cookie,
      form: { intent: "save", sellerId: "x\u0000y", reminderEveryDays: "3", expireAfterDays: "15" },
    });
    expect(malformed.status).toBe(400);
  });

  test("an auditor reads the deadlines but cannot change them", async ({ db, seller, signIn }) => {
    const cookie = await signIn(await createTestStaff(db, "auditor"));
    const loaded = await callRoute(page.loader, { path: PATH, cookie });
    expect(loaded.status).toBe(200);
    expect((loaded.body as PageData).canEdit).toBe(false);
    const before = await getSigningSettings(db, seller.seller.id);
    const r = await callRoute(page.action, {
      path: PATH,
      cookie,
      form: { intent: "save", sellerId: seller.seller.id, reminderEveryDays: "1", expireAfterDays: "2" },
    });
    expect(r.status).toBe(403);
    expect(await getSigningSettings(db, seller.seller.id)).toEqual(before);
  });

  test("collectors, supervisors, area owners and customers reach neither the page nor its action", async ({
    db,
    seller,
    signIn,
    payer,
  }) => {
    const before = await getSigningSettings(db, seller.seller.id);
    const cookies = {
      collector: await signIn(await createTestStaff(db, "collector")),
      supervisor: await signIn(await createTestStaff(db, "supervisor")),
      area_owner: await signIn(await createTestStaff(db, "area_owner")),
      customer: payer.cookie,
    };
    for (const [who, cookie] of Object.entries(cookies)) {
      const loaded = await callRoute(page.loader, { path: PATH, cookie });
      const saved = await callRoute(page.action, {
        path: PATH,
        cookie,
        form: { intent: "save", sellerId: seller.seller.id, reminderEveryDays: "1", expireAfterDays: "2" },
      });
      if (who === "customer") {
        expect([302, 403, 404], who).toContain(loaded.status);
        expect([302, 403, 404], who).toContain(saved.status);
      } else {
        expect(loaded.status, who).toBe(403);
        expect(saved.status, who).toBe(403);
      }
      expect(JSON.stringify(loaded.body), who).not.toContain(seller.seller.legalName);
    }
    expect(await getSigningSettings(db, seller.seller.id)).toEqual(before);
  });
});
