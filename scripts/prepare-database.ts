// Run by `npm start` (through tsx) before serving: opens and migrates the database, and seeds the demo
// data into an empty one. On PostgreSQL, a session advisory lock makes concurrent starts wait for
// each other, and the emptiness check runs after the lock is held, so the data is seeded once.
// SEED_INVOICES overrides the number of demo invoices.
import { count } from "drizzle-orm";
import { sellers } from "#db/schema";
import { seedDemoClaims } from "#db/seed/claims";
import { DEFAULT_SEED_INVOICES, seedDemoData } from "#db/seed/index";
import { seedDemoMinutes } from "#db/seed/minutes";
import { seedDemoPayments } from "#db/seed/payments";
import { seedDemoPlans } from "#db/seed/plans";
import { seedDemoReconciliations } from "#db/seed/reconciliations";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from "#db/seed/users";
import { getDatabase, withAdvisoryLock } from "~/utils/db.server";
import { init } from "~/utils/env.server";

// Any fixed 64-bit key, distinct from the migration lock's.
const SEED_LOCK = 7_265_104_224;

function printDemoUsers(): void {
  console.log(`\nDemo users (password: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(34)} ${u.who}`);
  console.log("");
}

async function prepareDatabase(): Promise<void> {
  const started = Date.now();
  const env = init();
  const database = await getDatabase();
  const { db } = database;
  await withAdvisoryLock(database, SEED_LOCK, async () => {
    const [{ n }] = await db.select({ n: count() }).from(sellers);
    if (n > 0) {
      console.log(`Database ready (already seeded), ${Date.now() - started} ms.`);
      return;
    }
    const invoices = env.SEED_INVOICES ?? DEFAULT_SEED_INVOICES;
    console.log(`Seeding demo data (${invoices} invoices)…`);
    const summary = await seedDemoData(db, { invoices, log: (msg) => console.log(msg), afterAccounts: seedDemoUsers });
    // Claims need the ledger (they dispute its invoices) and the demo users; anchored on this hour.
    const anchor = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await seedDemoClaims(db, { anchor, log: console.log });
    // Reconciliations in every state, the signed ones sealed (after the claims: one raises a claim).
    await seedDemoReconciliations(db, { anchor, log: console.log });
    // Minutes in every state for each demo customer, the signed ones sealed, one promise agreement signed.
    await seedDemoMinutes(db, { anchor, log: console.log });
    // Payments (in review, applied with their REPs, rejected), promises, cheques; then the plans and each
    // seller's approval policy.
    await seedDemoPayments(db, { anchor, log: console.log });
    await seedDemoPlans(db, { anchor, log: console.log });
    console.log(
      `Database seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary.counts)}`,
    );
  });
}

prepareDatabase()
  .then(async () => {
    printDemoUsers();
    await (await getDatabase()).close();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
