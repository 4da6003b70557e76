// `npm run ledger:verify`: recomputes every document's open amount from documents and applications and
// compares it with what the ledger stored (ADR 009). Prints one line per difference (document, stored,
// computed) and a summary; exits 1 on any difference, 2 when the database lacks the open items (not
// migrated yet: `npm start` migrates). Reads only.
//
//   npm run ledger:verify                              (PGlite in PGLITE_DIR, default ./data/pglite;
//                                                       stop the portal first: PGlite is one process)
//   DATABASE_URL=postgres://… npm run ledger:verify
import { sql } from "drizzle-orm";
import { formatOpenItemsReport, verifyOpenItems } from "~/domain/ledger/verify-open-items.server";
import { databaseOptionsFromEnv, openDatabase, queryRows } from "~/utils/db.server";

async function main(): Promise<number> {
  const database = await openDatabase(databaseOptionsFromEnv());
  try {
    const [{ migrated }] = await queryRows<{ migrated: boolean }>(
      database.db,
      sql`select exists (select 1 from information_schema.columns
                         where table_name = 'documents' and column_name = 'open_amount') as migrated`,
    );
    if (!migrated) {
      console.error(
        "ledger:verify: this database has no stored open amounts yet (migration 0007); run npm start first.",
      );
      return 2;
    }
    const started = performance.now();
    const report = await verifyOpenItems(database.db);
    for (const line of formatOpenItemsReport(report)) console.log(line);
    console.log(`(${database.driver}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return report.differences.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
