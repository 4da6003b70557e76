// Grows the current database (DATABASE_URL, or the PGlite dir ./data/pglite / PGLITE_DIR) to a target
// number of invoices through the same batched domain functions the seed uses (issueDocuments,
// applyCredits), to see how the portal behaves at scale. Bulk invoices carry one line and no XML;
// most get paid, several invoices per payment. Prints rows per second as it goes and at the end.
// applyCredits keeps each document's stored open amount as it applies (ADR 009), so the grown
// database needs no backfill; `npm run ledger:verify` checks it.
//
//   npm run bench:scale-seed -- 1000000        (or SCALE_INVOICES=1000000)
//   DATABASE_URL=postgres://… npm run bench:scale-seed -- 100000
import { sql } from "drizzle-orm";
import { PRODUCTS, TAX_RATE } from "#db/seed/catalog";
import { seedDemoData } from "#db/seed/index";
import { addDays, createRng, todayIn } from "#db/seed/prng";
import { applyCredits } from "~/domain/ledger/apply-credits.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { DocumentInput } from "~/domain/ledger/schemas";
import { databaseOptionsFromEnv, migrateDatabase, openDatabase, queryRows } from "~/utils/db.server";
import { dec, toMoney } from "~/utils/money";

const BATCH = Number(process.env.SCALE_BATCH ?? 5_000);
// Bulk documents get their own series; SCALE_SERIES gives concurrent runs one each (their folios never collide).
const SERIES = process.env.SCALE_SERIES ?? "BULK";
const ACTOR = { userId: null, label: "bench:scale-seed" };

async function scaleSeed() {
  const target = Number(process.argv[2] ?? process.env.SCALE_INVOICES ?? 1_000_000);
  if (!Number.isFinite(target) || target <= 0) throw new Error("target must be a positive number of invoices");
  const database = await openDatabase({ ...databaseOptionsFromEnv(), poolSize: 4 });
  await migrateDatabase(database);
  const { db } = database;
  const today = todayIn("America/Mexico_City");

  const [{ sellers }] = await queryRows<{ sellers: number }>(db, sql`select count(*)::int as sellers from sellers`);
  if (sellers === 0) {
    console.log("Empty database: seeding the demo data first (2,000 invoices)…");
    await seedDemoData(db, { invoices: 2_000, today, log: (m) => console.log(m) });
  }
  const accounts = await queryRows<{
    id: string;
    seller_id: string;
    country: "MX" | "CO";
    currency: "MXN" | "COP";
    segment: string;
  }>(
    db,
    sql`
    select a.id, a.seller_id, s.country, a.currency, a.segment from customer_accounts a join sellers s on s.id = a.seller_id order by a.number`,
  );
  const weighted = accounts.flatMap(
    (a) => Array(a.segment === "large" ? 6 : a.segment === "medium" ? 3 : 1).fill(a) as typeof accounts,
  );
  // Bulk documents get their own series so they never collide with the demo's folios.
  const folios = await queryRows<{ seller_id: string; kind: string; max: number }>(
    db,
    sql`
    select seller_id, kind::text, coalesce(max(folio::bigint), 0)::bigint as max from documents
    where series = ${SERIES} group by seller_id, kind`,
  );
  const nextFolio = new Map(folios.map((f) => [`${f.seller_id}:${f.kind}`, Number(f.max) + 1]));
  const folio = (sellerId: string, kind: string) => {
    const key = `${sellerId}:${kind}`;
    const n = nextFolio.get(key) ?? 1;
    nextFolio.set(key, n + 1);
    return String(n);
  };

  let [{ invoices }] = await queryRows<{ invoices: number }>(
    db,
    sql`select count(*)::int as invoices from documents where kind = 'invoice'`,
  );
  console.log(`Growing from ${invoices} to ${target} invoices on ${database.driver}, ${BATCH} per batch…`);
  const rng = createRng(invoices + 1);
  const started = performance.now();
  let rows = 0;
  let added = 0;
  while (invoices < target) {
    const batchStarted = performance.now();
    const n = Math.min(BATCH, target - invoices);
    const docs: (DocumentInput & { id: string; accountId: string; issueDate: string })[] = [];
    for (let i = 0; i < n; i++) {
      const account = rng.pick(weighted);
      const product = rng.pick(PRODUCTS[account.country]);
      const issueDate = addDays(today, -rng.int(0, 3 * 365));
      docs.push({
        id: crypto.randomUUID(),
        accountId: account.id,
        kind: "invoice",
        series: SERIES,
        folio: folio(account.seller_id, "invoice"),
        issueDate,
        currency: account.currency,
        paymentMethod: account.country === "MX" ? "PPD" : null,
        paymentForm: account.country === "MX" ? "99" : null,
        lines: [
          {
            sku: product.sku,
            description: product.description,
            unit: product.unit,
            productCode: product.productCode,
            unitCode: product.unitCode,
            quantity: String(rng.int(1, 200)),
            unitPrice: toMoney(product.price),
            taxRate: TAX_RATE[account.country],
          },
        ],
      });
    }
    let mark = performance.now();
    const issued = await issueDocuments(db, ACTOR, docs);
    const issueSeconds = (performance.now() - mark) / 1000;
    const amountById = new Map(issued.map((d) => [d.id, d.amount]));

    // ~85% get paid, up to five invoices of one account per payment.
    const byAccount = new Map<string, typeof docs>();
    for (const d of docs) if (rng.chance(0.85)) byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d]);
    const payments: DocumentInput[] = [];
    const applications: { sourceId: string; targetId: string; amount: string; appliedOn: string }[] = [];
    for (const [accountId, list] of byAccount) {
      const account = accounts.find((a) => a.id === accountId)!;
      for (let i = 0; i < list.length; i += 5) {
        const group = list.slice(i, i + 5);
        const latest = group
          .map((d) => d.issueDate)
          .sort()
          .at(-1)!;
        const paidOn = [addDays(latest, rng.int(10, 60)), today].sort()[0];
        const total = group.reduce((s, d) => s.plus(amountById.get(d.id)!), dec(0));
        const id = crypto.randomUUID();
        payments.push({
          id,
          accountId,
          kind: "payment",
          series: SERIES,
          folio: folio(account.seller_id, "payment"),
          issueDate: paidOn,
          currency: account.currency,
          amount: toMoney(total),
          paymentForm: "03",
          reference: `SPEI bench ${id.slice(0, 8)}`,
        });
        for (const d of group)
          applications.push({ sourceId: id, targetId: d.id, amount: amountById.get(d.id)!, appliedOn: paidOn });
      }
    }
    mark = performance.now();
    for (let i = 0; i < payments.length; i += 2_000) await issueDocuments(db, ACTOR, payments.slice(i, i + 2_000));
    const paymentSeconds = (performance.now() - mark) / 1000;
    mark = performance.now();
    for (let i = 0; i < applications.length; i += 2_000)
      await applyCredits(db, ACTOR, applications.slice(i, i + 2_000));
    const applySeconds = (performance.now() - mark) / 1000;

    // documents + lines + applications, and one audit event for each document and application
    const batchRows = 2 * (n + payments.length + applications.length) + n;
    rows += batchRows;
    added += n;
    invoices += n;
    const seconds = (performance.now() - batchStarted) / 1000;
    const total = (performance.now() - started) / 1000;
    console.log(
      `${invoices} invoices: batch ${n} inv + ${payments.length} pay + ${applications.length} appl in ${seconds.toFixed(1)} s ` +
        `(${Math.round(batchRows / seconds)} rows/s, ${Math.round(n / seconds)} inv/s; invoices ${issueSeconds.toFixed(1)} s, payments ${paymentSeconds.toFixed(1)} s, applications ${applySeconds.toFixed(1)} s); overall ${Math.round(rows / total)} rows/s`,
    );
  }
  const total = (performance.now() - started) / 1000;
  console.log(
    `Done: +${added} invoices, ${rows} rows in ${total.toFixed(1)} s = ${Math.round(rows / Math.max(total, 0.001))} rows/s, ${Math.round(added / Math.max(total, 0.001))} invoices/s.`,
  );
  await database.close();
}

scaleSeed().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
