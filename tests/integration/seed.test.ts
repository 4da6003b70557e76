// The demo seed: deterministic, consistent with the ledger's invariants, populated in every aging
// bucket, with the accounts other modules rely on, and with CFDI XML that validates.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData, type SeedSummary } from "#db/seed/index";
import { validateCfdiXml } from "~/domain/fiscal/validate-cfdi-xml.server";
import { AGING_BUCKETS, getAccountBalances, openAmountSql } from "~/domain/ledger/get-account-balances.server";
import { verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { queryRows } from "~/utils/db.server";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const TODAY = "2026-11-20";
const INVOICES = 800;

let first: TestDatabase;
let second: TestDatabase;
let summary: SeedSummary;

beforeAll(async () => {
  first = await createTestDatabase();
  second = await createTestDatabase();
  summary = await seedDemoData(first.db, { invoices: INVOICES, today: TODAY });
  await seedDemoData(second.db, { invoices: INVOICES, today: TODAY });
}, 240_000);
afterAll(async () => {
  await first?.close();
  await second?.close();
});

/** Per account number and document kind: count and total amount, plus applied totals. */
async function ledgerFingerprint(database: TestDatabase) {
  const docs = await queryRows<{ number: string; kind: string; n: number; total: string }>(
    database.db,
    sql`
    select a.number, d.kind, count(*)::int as n, sum(d.amount)::text as total
    from documents d join customer_accounts a on a.id = d.account_id
    group by a.number, d.kind order by a.number, d.kind`,
  );
  const applied = await queryRows<{ number: string; n: number; total: string }>(
    database.db,
    sql`
    select a.number, count(*)::int as n, sum(ap.amount)::text as total
    from applications ap join documents d on d.id = ap.target_id join customer_accounts a on a.id = d.account_id
    group by a.number order by a.number`,
  );
  const fiscal = await queryRows<{ ids: string }>(
    database.db,
    sql`select md5(string_agg(fiscal_id, ',' order by fiscal_id)) as ids from documents`,
  );
  return { docs, applied, fiscal };
}

describe("demo seed", () => {
  it("is deterministic: two fresh databases get identical ledgers per account", async () => {
    const a = await ledgerFingerprint(first);
    const b = await ledgerFingerprint(second);
    expect(a.docs.length).toBeGreaterThan(40);
    expect(b).toEqual(a);
    const [{ n }] = await queryRows<{ n: number }>(
      first.db,
      sql`select count(*)::int as n from documents where kind = 'invoice'`,
    );
    expect(n).toBe(INVOICES);
  });

  it("has open charges in every aging bucket", async () => {
    const balances = await getAccountBalances(
      first.db,
      summary.accounts.map((a) => a.id),
      TODAY,
    );
    for (const bucket of AGING_BUCKETS) {
      const count = balances.reduce((s, b) => s + b.aging[bucket].count, 0);
      expect(count, bucket).toBeGreaterThan(0);
    }
    const unapplied = balances.filter((b) => Number(b.unappliedCredits) > 0);
    expect(unapplied.length).toBeGreaterThan(0);
  });

  it("never leaves a charge below zero nor a credit over-applied", async () => {
    const [row] = await queryRows<{ negative_charges: number; overapplied_credits: number; bad_applications: number }>(
      first.db,
      sql`
      select
        count(*) filter (where d.effect = 'charge' and (${openAmountSql()}) < 0)::int as negative_charges,
        count(*) filter (where d.effect = 'credit' and (${openAmountSql()}) < 0)::int as overapplied_credits,
        (select count(*) from applications ap join documents s on s.id = ap.source_id join documents t on t.id = ap.target_id
          where s.account_id <> t.account_id or s.currency <> t.currency or ap.applied_on < s.issue_date or ap.applied_on < t.issue_date)::int as bad_applications
      from documents d`,
    );
    expect(row).toEqual({ negative_charges: 0, overapplied_credits: 0, bad_applications: 0 });
  });

  it("stores every document's applied and open amount as its applications say (ledger:verify finds nothing)", async () => {
    const report = await verifyOpenItems(first.db);
    expect(report.documents).toBeGreaterThan(INVOICES);
    expect(report.differences).toEqual([]);
    const [row] = await queryRows<{ open: number; paid: number; reversed: number }>(
      first.db,
      sql`select count(*) filter (where open_amount > 0)::int as open,
                 count(*) filter (where effect = 'charge' and open_amount = 0 and applied_amount > 0)::int as paid,
                 count(*) filter (where last_applied_on is not null and id in
                   (select target_id from applications where reverses_id is not null))::int as reversed
          from documents`,
    );
    // the check covers open, fully paid and reversed documents alike
    expect(row.open).toBeGreaterThan(0);
    expect(row.paid).toBeGreaterThan(0);
    expect(row.reversed).toBeGreaterThan(0);
  });

  it("covers the ledger's story: partial and multi-invoice payments, rebates, debit notes, a returned cheque", async () => {
    const [row] = await queryRows<Record<string, number>>(
      first.db,
      sql`
      select
        (select count(*) from (select source_id from applications a join documents d on d.id = a.source_id
           where d.kind = 'payment' and a.reverses_id is null group by source_id having count(*) > 1) x)::int as multi_invoice_payments,
        (select count(*) from (select target_id from applications a join documents d on d.id = a.source_id
           where d.kind = 'payment' and a.reverses_id is null group by target_id having count(*) > 1) x)::int as invoices_paid_in_parts,
        (select count(*) from documents where kind = 'credit_note' and notes ilike '%bonificación%')::int as rebates,
        (select count(*) from documents where kind = 'debit_note' and notes ilike '%cheque devuelto%')::int as returned_cheque_notes,
        (select count(*) from applications where reverses_id is not null)::int as reversals,
        (select count(*) from documents where kind = 'adjustment')::int as adjustments,
        (select count(*) from remissions)::int as remissions,
        (select count(*) from documents where purchase_order is not null)::int as purchase_orders`,
    );
    for (const [key, value] of Object.entries(row)) expect(value, key).toBeGreaterThan(0);
  });

  it("creates the accounts and group other modules rely on, without collectors", async () => {
    const rows = await queryRows<{
      number: string;
      legal_name: string;
      group_name: string | null;
      collector_id: string | null;
      currency: string;
    }>(
      first.db,
      sql`
      select a.number, a.legal_name, g.name as group_name, a.collector_id, a.currency
      from customer_accounts a left join customer_groups g on g.id = a.group_id order by a.number`,
    );
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    expect(rows.length).toBeGreaterThanOrEqual(38);
    expect(byNumber.get("MX-0001")).toMatchObject({
      legal_name: "Ferretería López, S.A. de C.V.",
      group_name: null,
      currency: "MXN",
    });
    expect(byNumber.get("MX-0002")).toMatchObject({
      legal_name: "Constructora del Bajío, S.A. de C.V.",
      group_name: "Grupo Constructor del Bajío",
    });
    expect(byNumber.get("MX-0003")).toMatchObject({
      legal_name: "Concretos y Agregados del Bajío, S.A. de C.V.",
      group_name: "Grupo Constructor del Bajío",
    });
    expect(byNumber.get("MX-0004")).toMatchObject({
      legal_name: "Inmobiliaria Bajío Habitat, S.A. de C.V.",
      group_name: "Grupo Constructor del Bajío",
    });
    expect(byNumber.get("CO-0001")).toMatchObject({ legal_name: "Distribuidora Andina S.A.S.", currency: "COP" });
    expect(rows.every((r) => r.collector_id === null)).toBe(true);
  });

  it("stores CFDI XML for Mexican invoices and credit notes that validates against SAT's schemas", async () => {
    const rows = await queryRows<{ file_name: string; content: Uint8Array; fiscal_id: string; kind: string }>(
      first.db,
      sql`
      select file_name, content, fiscal_id, kind from (
        select f.file_name, s.content, d.fiscal_id, d.kind::text as kind,
               row_number() over (partition by d.kind order by d.series, d.folio) as rn
        from documents d join sellers se on se.id = d.seller_id
        join document_files f on f.document_id = d.id and f.role = 'xml' join stored_files s on s.id = f.file_id
        where se.country = 'MX' and d.kind in ('invoice', 'credit_note')) sample
      where rn <= 6 order by kind, file_name`,
    );
    expect(rows.length).toBe(12);
    expect(rows.some((r) => r.kind === "credit_note")).toBe(true);
    const documents = rows.map((r) => ({ fileName: r.file_name, xml: new TextDecoder().decode(r.content) }));
    for (const [i, d] of documents.entries()) expect(d.xml).toContain(`UUID="${rows[i].fiscal_id.toUpperCase()}"`);
    const result = await validateCfdiXml(documents);
    expect(result.errors).toEqual([]);
    const [{ missing }] = await queryRows<{ missing: number }>(
      first.db,
      sql`
      select count(*)::int as missing from documents d
      where d.kind = 'invoice' and not exists (select 1 from document_files f where f.document_id = d.id and f.role = 'xml')`,
    );
    expect(missing).toBe(0);
  });
});
