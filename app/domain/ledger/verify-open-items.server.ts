// Verifies the stored open items against the entries they are derived from: for every document, what
// the ledger has stored (applied_amount, open_amount, last_applied_on) against what documents and
// applications say, recomputed in one set-based query. `npm run ledger:verify` prints the result.
import { count, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { applications, customerAccounts, documents } from "#db/schema";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import type { MoneyString } from "~/utils/money";

export interface OpenItemFigures {
  applied: MoneyString;
  open: MoneyString;
  lastAppliedOn: string | null;
}

export interface OpenItemDifference {
  documentId: string;
  accountNumber: string;
  /** "A-1234" */
  serieFolio: string;
  kind: string;
  status: "issued" | "cancelled";
  stored: OpenItemFigures;
  computed: OpenItemFigures;
}

export interface OpenItemsReport {
  documents: number;
  differences: OpenItemDifference[];
}

const a = alias(applications, "a");
const ca = alias(customerAccounts, "ca");
const d = alias(documents, "d");

interface Row {
  id: string;
  account_number: string;
  serieFolio: string;
  kind: string;
  status: "issued" | "cancelled";
  stored_applied: string;
  stored_open: string;
  stored_last: string | null;
  computed_applied: string;
  computed_open: string;
  computed_last: string | null;
}

/**
 * Recomputes each document's applied amount, open amount and last application date from documents and
 * applications (a charge counts what was applied to it, a credit what it applied, reversal rows
 * negative; a cancelled document has nothing open) and returns every document whose stored figures
 * differ, with both.
 */
export async function verifyOpenItems(db: DbOrTx): Promise<OpenItemsReport> {
  const [{ n }] = await db.select({ n: count() }).from(documents);
  const rows = await queryRows<Row>(
    db,
    sql`
    with applied as (
      select ${a.targetId} as id, 'charge'::document_effect as effect, sum(${a.amount}) as applied,
             max(${a.appliedOn}) as last
      from ${applications} ${a} group by ${a.targetId}
      union all
      select ${a.sourceId}, 'credit'::document_effect, sum(${a.amount}), max(${a.appliedOn})
      from ${applications} ${a} group by ${a.sourceId}
    ), computed as (
      select ${d.id} as id, coalesce(x.applied, 0) as applied, x.last,
             case when ${d.status} = 'cancelled' then 0 else ${d.amount} - coalesce(x.applied, 0) end as open
      from ${documents} ${d} left join applied x on x.id = ${d.id} and x.effect = ${d.effect}
    )
    select ${d.id} as id, ${ca.number} as account_number, ${d.series} || '-' || ${d.folio} as "serieFolio",
           ${d.kind}::text as kind, ${d.status}::text as status,
           ${d.appliedAmount}::text as stored_applied, ${d.openAmount}::text as stored_open,
           ${d.lastAppliedOn}::text as stored_last,
           c.applied::numeric(18,2)::text as computed_applied, c.open::numeric(18,2)::text as computed_open,
           c.last::text as computed_last
    from ${documents} ${d}
    join computed c on c.id = ${d.id}
    join ${customerAccounts} ${ca} on ${ca.id} = ${d.accountId}
    where ${d.appliedAmount} <> c.applied or ${d.openAmount} <> c.open or ${d.lastAppliedOn} is distinct from c.last
    order by ${ca.number}, ${d.series}, length(${d.folio}), ${d.folio}, ${d.id}`,
  );
  return {
    documents: Number(n),
    differences: rows.map((r) => ({
      documentId: r.id,
      accountNumber: r.account_number,
      serieFolio: r.serieFolio,
      kind: r.kind,
      status: r.status,
      stored: { applied: r.stored_applied, open: r.stored_open, lastAppliedOn: r.stored_last },
      computed: { applied: r.computed_applied, open: r.computed_open, lastAppliedOn: r.computed_last },
    })),
  };
}

/** The report as lines of text, one per difference, then a summary. */
export function formatOpenItemsReport(report: OpenItemsReport): string[] {
  const lines = report.differences.map((d) => {
    const parts = [`open stored ${d.stored.open}, computed ${d.computed.open}`];
    if (d.stored.applied !== d.computed.applied)
      parts.push(`applied stored ${d.stored.applied}, computed ${d.computed.applied}`);
    if (d.stored.lastAppliedOn !== d.computed.lastAppliedOn)
      parts.push(
        `last applied on stored ${d.stored.lastAppliedOn ?? "-"}, computed ${d.computed.lastAppliedOn ?? "-"}`,
      );
    return `${d.accountNumber} ${d.serieFolio} (${d.kind}${d.status === "cancelled" ? ", cancelled" : ""}, ${d.documentId}): ${parts.join("; ")}`;
  });
  const count = report.differences.length;
  lines.push(
    count === 0
      ? `ledger:verify: ${report.documents} documents, every stored open amount agrees with the entries.`
      : `ledger:verify: ${report.documents} documents, ${count} ${count === 1 ? "difference" : "differences"}.`,
  );
  return lines;
}
