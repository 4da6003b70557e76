// Claim emails read back over SMTP: queued in the claim change's transaction, delivered by the sweeper
// in each recipient's language with a link to the claim on APP_URL. The customer hears of the receipt,
// a staff reply, a request for information, an escalation (the sweeper's too) and the resolution; staff
// of a claim assigned to them, an escalation and the customer's answer; nobody of their own act. A mail
// that cannot be sent leaves the claim change in place and is retried.
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claims, scheduledTasks, users } from "#db/schema";
import { answerClaim } from "~/domain/claims/customer-claim-actions.server";
import { CLAIM_EMAIL_TASK } from "~/domain/claims/queue-claim-emails.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import { replyToClaim, requestClaimInfo, resolveClaim, takeClaim } from "~/domain/claims/staff-claim-actions.server";
import { runDueTasks } from "~/jobs/scheduled-tasks.server";
import { TASK_HANDLERS } from "~/jobs/task-handlers.server";
import type { Db } from "~/utils/db.server";
import { createClaimsSetting } from "../fixtures/claims";
import { type TestMailbox, startTestSmtpServer } from "../setup/smtp";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

// Read once by getEnv(), on the first email: links must use it, whatever else is around.
process.env.APP_URL = "https://cartera.example.com";

let database: TestDatabase;
let db: Db;
let mailbox: TestMailbox;
let s: Awaited<ReturnType<typeof createClaimsSetting>>;
const mx = (local: string) => new Date(`${local}-06:00`);
const sweep = (now: Date) => runDueTasks(db, { now, workerId: "mail-test", handlers: TASK_HANDLERS });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  mailbox = await startTestSmtpServer();
  process.env.SMTP_URL = mailbox.url;
  s = await createClaimsSetting(db);
  // The customer reads English; staff keep the default (Spanish).
  await db.update(users).set({ language: "en" }).where(eq(users.id, s.customer.id));
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await mailbox.close();
  await database.close();
});

const to = (m: ParsedMail) => [m.to].flat().flatMap((a) => (a ? a.value.map((v) => v.address?.toLowerCase()) : []));
const mailsTo = (email: string) => mailbox.messages.filter((m) => to(m).includes(email.toLowerCase()));
const htmlLang = (m: ParsedMail) => /<html[^>]*lang="([a-z]+)"/.exec(String(m.html))?.[1];
const linksIn = (m: ParsedMail) => [...new Set((m.text ?? "").match(/https?:\/\/[^\s\]>)]+/g) ?? [])];

describe("claim emails", () => {
  let claimId: string;
  let number: number;

  it("on receipt: the customer in its language, the collector (assigned) in Spanish, each with its link", async () => {
    const claim = await raiseClaim(
      db,
      s.customerActor,
      {
        accountId: s.account.id,
        type: "price_difference",
        origin: "lines",
        description: "Precio distinto",
        documents: [{ documentId: s.invoice.id, lineId: s.lines[0].id, amount: "150.00" }],
      },
      { now: mx("2026-11-09T09:00") },
    );
    claimId = claim.id;
    number = claim.number;
    // Nothing is sent inside the transaction: the mails wait for the sweeper.
    expect(mailbox.messages).toHaveLength(0);
    expect((await sweep(mx("2026-11-09T09:00"))).done).toBe(2);

    const customerMail = await mailbox.waitFor(s.customer.email, /We received your claim/);
    expect(customerMail.subject).toBe(`We received your claim ${number}`);
    expect(htmlLang(customerMail)).toBe("en");
    expect(customerMail.text).toContain("Answer by");
    expect(linksIn(customerMail)).toEqual([`https://cartera.example.com/portal/claims/${claimId}`]);

    const collectorMail = await mailbox.waitFor(s.collector.email, /asignada/);
    expect(collectorMail.subject).toBe(`Nueva aclaración ${number} asignada`);
    expect(htmlLang(collectorMail)).toBe("es");
    expect(linksIn(collectorMail)).toEqual([`https://cartera.example.com/staff/claims/${claimId}`]);
  });

  it("a staff reply and a request for information reach the customer, never the staff member who acted", async () => {
    const collector = s.staffActor(s.collector);
    const now = mx("2026-11-09T10:00");
    await takeClaim(db, collector, { claimId, version: 1 }, { now });
    await replyToClaim(db, collector, { claimId, version: 2, body: "Visit http://phish.example now" }, { now });
    await requestClaimInfo(db, collector, { claimId, version: 3, body: "¿Orden de compra?" }, { now });
    const before = mailsTo(s.collector.email).length;
    await sweep(now);
    const reply = await mailbox.waitFor(s.customer.email, /We answered your claim/);
    // No text written by a person reaches the email: only our copy and the claim's link.
    expect(reply.text).not.toContain("phish");
    expect(linksIn(reply)).toEqual([`https://cartera.example.com/portal/claims/${claimId}`]);
    const info = await mailbox.waitFor(s.customer.email, /We need information/);
    expect(info.text).toContain("paused until you answer");
    expect(mailsTo(s.collector.email)).toHaveLength(before);
  });

  it("the customer's answer reaches the assignee", async () => {
    const now = mx("2026-11-09T11:00");
    await answerClaim(db, s.customerActor, { claimId, version: 4, body: "OC 123" }, { now });
    await sweep(now);
    const mail = await mailbox.waitFor(s.collector.email, /respondió/);
    expect(mail.subject).toBe(`El cliente respondió la aclaración ${number}`);
    expect(linksIn(mail)).toEqual([`https://cartera.example.com/staff/claims/${claimId}`]);
  });

  it("the sweeper's escalation reaches the customer, the new holder (supervisor) and the one it leaves", async () => {
    const late = mx("2026-11-20T12:00");
    await sweep(late); // escalates (its audit event and the mails' tasks commit together)
    await sweep(late); // sends them
    const [row] = await db.select().from(claims).where(eq(claims.id, claimId));
    expect(row.level).toBe("L2");
    const customer = await mailbox.waitFor(s.customer.email, /moved to level L2/);
    expect(htmlLang(customer)).toBe("en");
    const supervisor = await mailbox.waitFor(s.supervisor.email, /escalada a L2/);
    expect(linksIn(supervisor)).toEqual([`https://cartera.example.com/staff/claims/${claimId}`]);
    await mailbox.waitFor(s.collector.email, /escalada a L2/);
  });

  it("the resolution reaches the customer with the outcome and the amount accepted", async () => {
    const now = mx("2026-11-20T13:00");
    const [row] = await db.select().from(claims).where(eq(claims.id, claimId));
    await resolveClaim(
      db,
      s.staffActor(s.supervisor),
      { claimId, version: row.version, resolution: "accepted_partial", acceptedAmount: "100.00", reason: "En parte" },
      { now },
    );
    await sweep(now);
    const mail = await mailbox.waitFor(s.customer.email, /We resolved your claim/);
    expect(mail.text).toContain("Partly accepted");
    expect(mail.text).toContain("$100.00");
    expect(linksIn(mail)).toEqual([`https://cartera.example.com/portal/claims/${claimId}`]);
  });

  it("a mail that cannot be sent keeps the claim change and is retried until it goes out", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9?tls=off"; // nothing listens there
    const now = mx("2026-11-23T09:00");
    const claim = await raiseClaim(
      db,
      s.customerActor,
      {
        accountId: s.account.id,
        type: "other",
        origin: "general",
        description: "Otra cosa",
        documents: [],
      },
      { now },
    );
    const failed = await sweep(now);
    expect(failed.retried).toBe(2);
    const [row] = await db.select().from(claims).where(eq(claims.id, claim.id));
    expect(row.status).toBe("open");
    const pending = await db
      .select()
      .from(scheduledTasks)
      .where(and(eq(scheduledTasks.kind, CLAIM_EMAIL_TASK), eq(scheduledTasks.status, "pending")));
    expect(pending).toHaveLength(2);
    expect(pending.every((t) => t.lastError)).toBe(true);

    process.env.SMTP_URL = mailbox.url;
    expect((await sweep(new Date(now.getTime() + 60_000))).done).toBe(2);
    await mailbox.waitFor(s.customer.email, new RegExp(`We received your claim ${claim.number}`));
  });
});
