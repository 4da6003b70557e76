// Invitations through the route modules: the inviter gets the same answer whoever the address belongs
// to (new, a customer of other accounts, already on the account, staff) and the users list shows each
// pending invitation the same way; an existing user gains the account only by accepting (signed in,
// or signing in on the invitation page); the email carries no URL but the invitation link and no
// free text beyond the inviter's validated name; re-inviting an address still pending offers to resend.
import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { beforeEach, describe, expect, it } from "vitest";
import { accountGrants, users } from "#db/schema";
import { listCustomerGrants } from "~/domain/identity/account-access.server";
import * as invitationPage from "~/routes/_auth+/invitation.$token";
import * as portalUsers from "~/routes/portal+/users";
import { settleBackgroundWork } from "~/utils/background.server";
import { type Db } from "~/utils/db.server";
import { createMexicanSeller, createTestAccount } from "../fixtures/organization";
import { TEST_PASSWORD, createTestCustomer, createTestStaff, uniqueEmail } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute, signInCookie } from "../setup/routes";
import { type TestMailbox } from "../setup/smtp";

let db: Db;
let mailbox: TestMailbox;
let org: Awaited<ReturnType<typeof createMexicanSeller>>;

routeTest.beforeAll(async ({ db: fileDb, mailbox: fileMailbox }) => {
  db = fileDb;
  mailbox = fileMailbox;
  org = await createMexicanSeller(db);
});

async function accountWithAdmin(adminName = "Ricardo Villaseñor") {
  const account = await createTestAccount(db, org);
  const admin = await createTestCustomer(db, [{ accountId: account.id, role: "account_admin" }]);
  await db.update(users).set({ name: adminName }).where(eq(users.id, admin.id));
  return { account, admin, cookie: await signInCookie(db, admin.id) };
}

const invite = (cookie: string, email: string, role = "viewer") =>
  callRoute(portalUsers.action, { path: "/portal/users", cookie, form: { intent: "invite", email, role } });

/** Everything an inviter could observe of the answer, less the toast cookie (which repeats the typed email). */
const observable = (r: Awaited<ReturnType<typeof invite>>) => ({
  status: r.status,
  location: r.headers.get("Location"),
  body: r.body,
  headers: [...r.headers.keys()].sort(),
});

const mailsTo = (email: string) =>
  mailbox.messages.filter((m) =>
    [m.to].flat().some((a) => a?.value.some((v) => v.address?.toLowerCase() === email.toLowerCase())),
  );

const invitationLink = (mail: ParsedMail) => {
  const match = (mail.text ?? "").match(/http:\/\/localhost:3000\/invitation\/[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no invitation link in: ${mail.text}`);
  return match[0];
};
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

describe("inviting", () => {
  beforeEach(() => {
    mailbox.messages.length = 0;
  });

  it("answers the same for a new, an existing customer's, an already granted and a staff address", async () => {
    const { account, cookie } = await accountWithAdmin();
    const elsewhere = await createTestAccount(db, org);
    const existing = await createTestCustomer(db, [{ accountId: elsewhere.id, role: "payer" }]);
    await db.update(users).set({ name: "Marisol Quintanilla" }).where(eq(users.id, existing.id));
    const member = await createTestCustomer(db, [{ accountId: account.id, role: "viewer" }]);
    const staff = await createTestStaff(db, "collector");
    const fresh = uniqueEmail("nuevo");

    const answers = {
      fresh: await invite(cookie, fresh),
      existing: await invite(cookie, existing.email),
      member: await invite(cookie, member.email),
      staff: await invite(cookie, staff.email),
    };
    const expected = observable(answers.fresh);
    expect(expected).toMatchObject({ status: 302, location: "/portal/users" });
    for (const [who, answer] of Object.entries(answers)) expect(observable(answer), who).toEqual(expected);

    // Only the two customers who lack the account are emailed; staff and the member get nothing.
    await settleBackgroundWork();
    expect(mailsTo(fresh)).toHaveLength(1);
    expect(mailsTo(existing.email)).toHaveLength(1);
    expect(mailsTo(member.email)).toHaveLength(0);
    expect(mailsTo(staff.email)).toHaveLength(0);

    // Nobody was granted anything by the invitation itself.
    expect((await listCustomerGrants(db, existing.id)).map((g) => g.accountId)).toEqual([elsewhere.id]);
    expect(await db.select().from(accountGrants).where(eq(accountGrants.userId, staff.id))).toEqual([]);

    // The users page lists each pending invitation by the typed address only, whoever owns it.
    const page = await callRoute(portalUsers.loader, { path: "/portal/users", cookie });
    const rows = (page.body as { users: { email: string; name: string; invited: boolean; active: boolean }[] }).users;
    const pending = rows.filter((r) => r.invited);
    expect(pending.map((r) => r.email).sort()).toEqual([fresh, existing.email, staff.email].sort());
    for (const r of pending) expect(r).toMatchObject({ name: "", active: false, invited: true });
    expect(rows.filter((r) => r.email === member.email)).toHaveLength(1);
    expect(JSON.stringify(page.body)).not.toContain("Marisol");
    expect(JSON.stringify(page.body)).not.toContain("Staff collector");
  });

  it("re-inviting a pending address offers to resend (no second email unasked); resending sends a new link", async () => {
    const { cookie } = await accountWithAdmin();
    const email = uniqueEmail("pendiente");
    expect((await invite(cookie, email)).status).toBe(302);
    await settleBackgroundWork();
    expect(mailsTo(email)).toHaveLength(1);

    const again = await invite(cookie, email.toUpperCase(), "payer");
    expect(again.status).toBe(409);
    const body = again.body as { result: { error: Record<string, string[]> }; pendingInvite: unknown };
    expect(body.pendingInvite).toEqual({ email, role: "payer" });
    expect(Object.values(body.result.error).flat().join(" ")).toContain(
      `${email} ya tiene una invitación pendiente a esta cuenta. ¿Reenviarla como Pagador?`,
    );
    await settleBackgroundWork();
    expect(mailsTo(email)).toHaveLength(1);

    const resent = await callRoute(portalUsers.action, {
      path: "/portal/users",
      cookie,
      form: { intent: "invite", email, role: "payer", resend: "yes" },
    });
    expect(resent).toMatchObject({ status: 302 });
    await settleBackgroundWork();
    expect(mailsTo(email)).toHaveLength(2);
    const page = await callRoute(portalUsers.loader, { path: "/portal/users", cookie });
    const rows = (page.body as { users: { email: string; role: string; invited: boolean }[] }).users;
    expect(rows.filter((r) => r.email === email)).toEqual([expect.objectContaining({ role: "payer", invited: true })]);
  });

  it("the email has no URL but the invitation link, and names the inviter only by a valid name", async () => {
    const valid = await accountWithAdmin("Ricardo Villaseñor");
    const email = uniqueEmail("invitada");
    await invite(valid.cookie, email);
    const mail = await mailbox.waitFor(email);
    const link = invitationLink(mail);
    expect(mail.text).toContain("Ricardo Villaseñor te invitó a consultar y gestionar");

    // A name stored before names were validated (free text with a link) never reaches the email.
    const legacy = await accountWithAdmin("Ana — reclama tu premio en www.premio-gratis.example");
    const other = uniqueEmail("invitado");
    await invite(legacy.cookie, other);
    const phishing = await mailbox.waitFor(other);
    const otherLink = invitationLink(phishing);

    for (const [m, only] of [
      [mail, link],
      [phishing, otherLink],
    ] as const) {
      const text = m.text ?? "";
      // The XHTML doctype's DTD address is markup, not content.
      const html = (typeof m.html === "string" ? m.html : "").replace(/^<!DOCTYPE[^>]*>/i, "");
      const urls = text.match(/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"')\]]+/gi) ?? [];
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toBe(only);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((h) => h[1]);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toBe(only);
      expect(`${text}\n${html}`).not.toMatch(/premio|www\./i);
    }
    expect(phishing.text).toContain("Te invitaron a consultar y gestionar");
  });

  it("refuses a name with a link when a new invitee activates its access", async () => {
    const { cookie } = await accountWithAdmin();
    const email = uniqueEmail("nueva");
    await invite(cookie, email);
    const token = tokenOf(invitationLink(await mailbox.waitFor(email)));
    const refused = await callRoute(invitationPage.action, {
      path: `/invitation/${token}`,
      params: { token },
      form: { name: "Gana en http://premio.example", password: "nueva-password-1", confirm: "nueva-password-1" },
    });
    expect(refused.status).toBe(400);
    // Conform's reply: field errors are i18n keys, translated by the page.
    expect((refused.body as { result: { error: Record<string, string[]> } }).result.error.name).toEqual([
      "validation.personName",
    ]);
    const accepted = await callRoute(invitationPage.action, {
      path: `/invitation/${token}`,
      params: { token },
      form: { name: "Lucía Fernández", password: "nueva-password-1", confirm: "nueva-password-1" },
    });
    expect(accepted.status).toBe(302);
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user.name).toBe("Lucía Fernández");
  });
});

describe("an existing user accepting", () => {
  async function invitedExisting() {
    const { account, cookie } = await accountWithAdmin();
    const elsewhere = await createTestAccount(db, org);
    const existing = await createTestCustomer(db, [{ accountId: elsewhere.id, role: "payer" }]);
    await invite(cookie, existing.email, "payer");
    const token = tokenOf(invitationLink(await mailbox.waitFor(existing.email)));
    const accounts = async () => (await listCustomerGrants(db, existing.id)).map((g) => g.accountId).sort();
    return { account, elsewhere, existing, token, accounts };
  }
  const page = (token: string, cookie?: string) =>
    callRoute(invitationPage.loader, { path: `/invitation/${token}`, params: { token }, cookie });
  const post = (token: string, form: Record<string, string>, cookie?: string) =>
    callRoute(invitationPage.action, { path: `/invitation/${token}`, params: { token }, form, cookie });
  const modeOf = (r: Awaited<ReturnType<typeof page>>) =>
    (r.body as { invitation: { mode: string } | null }).invitation?.mode ?? null;

  it("signs in on the invitation page to accept; a wrong password grants nothing", async () => {
    const { account, elsewhere, token, accounts } = await invitedExisting();
    expect(modeOf(await page(token))).toBe("sign-in");
    const wrong = await post(token, { intent: "sign-in", password: "not-the-password" });
    expect(wrong.status).toBe(401);
    expect(await accounts()).toEqual([elsewhere.id]);

    const accepted = await post(token, { intent: "sign-in", password: TEST_PASSWORD });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/portal");
    expect(accepted.headers.get("Set-Cookie")).toContain("cartera_session");
    expect(await accounts()).toEqual([account.id, elsewhere.id].sort());
    // The link works once.
    expect(modeOf(await page(token))).toBeNull();
  });

  it("accepts while signed in as the invitee; signed in as someone else it asks to sign in", async () => {
    const { account, elsewhere, existing, token, accounts } = await invitedExisting();
    const stranger = await createTestCustomer(db, [{ accountId: elsewhere.id, role: "viewer" }]);
    const strangerCookie = await signInCookie(db, stranger.id);
    expect(modeOf(await page(token, strangerCookie))).toBe("sign-in");
    const notThem = await post(token, { intent: "accept" }, strangerCookie);
    expect(notThem.status).toBe(400);
    expect(await accounts()).toEqual([elsewhere.id]);
    expect((await listCustomerGrants(db, stranger.id)).map((g) => g.accountId)).toEqual([elsewhere.id]);

    const cookie = await signInCookie(db, existing.id);
    expect(modeOf(await page(token, cookie))).toBe("accept");
    const accepted = await post(token, { intent: "accept" }, cookie);
    expect(accepted.status).toBe(302);
    expect(await accounts()).toEqual([account.id, elsewhere.id].sort());
  });

  it("a resent invitation replaces the earlier link, and a removed user finds no link that gives the account back", async () => {
    const { account, cookie: adminCookie } = await accountWithAdmin();
    const elsewhere = await createTestAccount(db, org);
    const existing = await createTestCustomer(db, [{ accountId: elsewhere.id, role: "payer" }]);
    const accounts = async () => (await listCustomerGrants(db, existing.id)).map((g) => g.accountId).sort();
    mailbox.messages.length = 0;
    await invite(adminCookie, existing.email, "account_admin");
    const firstToken = tokenOf(invitationLink(await mailbox.waitFor(existing.email)));
    mailbox.messages.length = 0;
    const resent = await callRoute(portalUsers.action, {
      path: "/portal/users",
      cookie: adminCookie,
      form: { intent: "invite", email: existing.email, role: "viewer", resend: "yes" },
    });
    expect(resent.status).toBe(302);
    const secondToken = tokenOf(invitationLink(await mailbox.waitFor(existing.email)));
    expect(secondToken).not.toBe(firstToken);

    const cookie = await signInCookie(db, existing.id);
    expect(modeOf(await page(firstToken, cookie))).toBeNull();
    expect((await post(firstToken, { intent: "accept" }, cookie)).status).toBe(400);
    expect(await accounts()).toEqual([elsewhere.id]);
    expect((await post(secondToken, { intent: "accept" }, cookie)).status).toBe(302);
    expect(await accounts()).toEqual([account.id, elsewhere.id].sort());

    const removed = await callRoute(portalUsers.action, {
      path: "/portal/users",
      cookie: adminCookie,
      form: { intent: "revoke", userId: existing.id },
    });
    expect(removed.status).toBe(302);
    for (const token of [firstToken, secondToken]) {
      expect((await post(token, { intent: "accept" }, cookie)).status).toBe(400);
      expect(await accounts()).toEqual([elsewhere.id]);
    }
    const list = await callRoute(portalUsers.loader, { path: "/portal/users", cookie: adminCookie });
    expect((list.body as { users: { email: string }[] }).users.map((u) => u.email)).not.toContain(existing.email);
  });

  it("the page shows the invitation without the inviter's free text", async () => {
    const { cookie } = await accountWithAdmin("Pedro visita www.falso.example");
    const email = uniqueEmail("nuevo");
    await invite(cookie, email);
    const token = tokenOf(invitationLink(await mailbox.waitFor(email)));
    const shown = (await page(token)).body as { invitation: Record<string, unknown> };
    expect(shown.invitation).toMatchObject({ email, inviterName: null, mode: "activate", role: "viewer" });
    expect(JSON.stringify(shown)).not.toMatch(/falso|userId/);
  });
});
