// The IDs of every document a list filter matches, in the list's order, up to a limit: what "select
// all N results" downloads. Walks the same keyset pages as the list (one query per 100 rows).
import type { DbOrTx } from "~/utils/db.server";
import { type ListDocumentsInput, listDocuments } from "./list-documents.server";
import { MAX_PAGE_SIZE } from "./schemas";

/** At most `limit` IDs; `truncated` when the filter matches more. */
export async function listDocumentIds(
  db: DbOrTx,
  input: Omit<ListDocumentsInput, "page" | "withTotals">,
  limit: number,
): Promise<{ ids: string[]; truncated: boolean }> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listDocuments(db, { ...input, withTotals: false, page: { size: MAX_PAGE_SIZE, after } });
    for (const row of page.rows) {
      if (ids.length === limit) return { ids, truncated: true };
      ids.push(row.id);
    }
    if (!page.nextCursor) return { ids, truncated: false };
    after = page.nextCursor;
  }
}
