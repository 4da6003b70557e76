// Issues ledger documents (invoices, notes, payments, adjustments) with their lines, remissions and
// files, in batches, inside one transaction, each audited. The demo seed and imports use this too.
import { createHash } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { customerAccounts, documentFiles, documents, invoiceLines, remissions, storedFiles } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Actor, recordAuditEvents } from "~/domain/audit/record-audit-events.server";
import { addDays } from "~/utils/dates";
import { type DbOrTx, columnNames, insertJsonRows, queryRows } from "~/utils/db.server";
import { addMoney, dec, toMoney } from "~/utils/money";
import { LedgerRuleError } from "./errors";
import { type DocumentInput, DocumentInputSchema, effectOf } from "./schemas";

const CHUNK = 500;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export function sha256Hex(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

export interface IssuedDocument {
  id: string;
  amount: string;
}

/**
 * Issues documents. Amount of a document with lines is the sum of its lines (subtotal + tax, each
 * rounded to cents); a given amount that disagrees is refused. Due date defaults to issue date plus
 * the account's payment term for charges, and to the issue date for credits.
 */
export async function issueDocuments(db: DbOrTx, actor: Actor, inputs: DocumentInput[]): Promise<IssuedDocument[]> {
  const parsed = inputs.map((input) => DocumentInputSchema.parse(input));
  if (parsed.length === 0) return [];
  return db.transaction(async (tx) => {
    const accountIds = [...new Set(parsed.map((d) => d.accountId))];
    const accounts = await tx
      .select({ id: customerAccounts.id, sellerId: customerAccounts.sellerId, term: customerAccounts.paymentTermDays })
      .from(customerAccounts)
      .where(inArray(customerAccounts.id, accountIds));
    const accountById = new Map(accounts.map((a) => [a.id, a]));

    const docRows: (typeof documents.$inferInsert)[] = [];
    const lineRows: (typeof invoiceLines.$inferInsert)[] = [];
    const remissionRows: (typeof remissions.$inferInsert)[] = [];
    const files: {
      documentId: string;
      role: "xml" | "pdf" | "evidence";
      fileName: string;
      mediaType: string;
      content: Uint8Array;
      sha256: string;
    }[] = [];

    for (const d of parsed) {
      const account = accountById.get(d.accountId);
      if (!account) throw new LedgerRuleError("document.not_found", `account ${d.accountId} not found`);
      const id = d.id ?? createRandomId();
      const effect = effectOf(d.kind, d.effect);
      let amount = d.amount;
      let subtotal: string | null = null;
      let taxTotal: string | null = null;
      if (d.lines && d.lines.length > 0) {
        const computed = d.lines.map((l, i) => {
          const lineSubtotal = toMoney(dec(l.quantity).times(l.unitPrice));
          const lineTax = toMoney(dec(lineSubtotal).times(l.taxRate));
          return { ...l, lineNo: i + 1, subtotal: lineSubtotal, tax: lineTax, total: addMoney(lineSubtotal, lineTax) };
        });
        subtotal = addMoney(...computed.map((l) => l.subtotal));
        taxTotal = addMoney(...computed.map((l) => l.tax));
        const total = addMoney(subtotal, taxTotal);
        if (amount !== undefined && dec(amount).comparedTo(total) !== 0) {
          throw new LedgerRuleError(
            "document.amount_mismatch",
            `${d.series}-${d.folio}: amount ${amount} != lines ${total}`,
          );
        }
        amount = total;
        for (const l of computed) lineRows.push({ documentId: id, ...l });
      }
      const dueDate = d.dueDate ?? (effect === "charge" ? addDays(d.issueDate, account.term) : d.issueDate);
      docRows.push({
        id,
        sellerId: account.sellerId,
        accountId: d.accountId,
        kind: d.kind,
        effect,
        series: d.series,
        folio: d.folio,
        fiscalId: d.fiscalId ?? null,
        issueDate: d.issueDate,
        dueDate,
        currency: d.currency,
        amount: toMoney(amount!),
        subtotal,
        taxTotal,
        paymentMethod: d.paymentMethod ?? null,
        paymentForm: d.paymentForm ?? null,
        purchaseOrder: d.purchaseOrder ?? null,
        reference: d.reference ?? null,
        notes: d.notes ?? null,
        createdById: actor.userId ?? null,
      });
      for (const r of d.remissions ?? [])
        remissionRows.push({
          invoiceId: id,
          number: r.number,
          deliveryDate: r.deliveryDate,
          receivedBy: r.receivedBy ?? null,
        });
      for (const f of d.files ?? []) files.push({ documentId: id, ...f, sha256: sha256Hex(f.content) });
    }

    for (const c of chunks(docRows, 1000)) {
      await insertJsonRows(
        tx,
        documents,
        c.map((d) => ({
          id: d.id,
          sellerId: d.sellerId,
          accountId: d.accountId,
          kind: d.kind,
          effect: d.effect,
          series: d.series,
          folio: d.folio,
          fiscalId: d.fiscalId,
          issueDate: d.issueDate,
          dueDate: d.dueDate,
          currency: d.currency,
          amount: d.amount,
          subtotal: d.subtotal,
          taxTotal: d.taxTotal,
          paymentMethod: d.paymentMethod,
          paymentForm: d.paymentForm,
          purchaseOrder: d.purchaseOrder,
          reference: d.reference,
          notes: d.notes,
          createdById: d.createdById,
        })),
      );
    }
    for (const c of chunks(lineRows, 2000)) {
      await insertJsonRows(
        tx,
        invoiceLines,
        c.map((l) => ({
          id: createRandomId(),
          documentId: l.documentId,
          lineNo: l.lineNo,
          sku: l.sku,
          description: l.description,
          unit: l.unit,
          productCode: l.productCode,
          unitCode: l.unitCode,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          taxRate: l.taxRate,
          subtotal: l.subtotal,
          tax: l.tax,
          total: l.total,
        })),
      );
    }
    for (const c of chunks(remissionRows, 2000)) {
      await insertJsonRows(
        tx,
        remissions,
        c.map((r) => ({
          id: createRandomId(),
          invoiceId: r.invoiceId,
          number: r.number,
          deliveryDate: r.deliveryDate,
          receivedBy: r.receivedBy,
        })),
      );
    }
    if (files.length > 0) {
      // Files are stored once per content (sha256); bytes travel as base64 inside the JSON (a third
      // larger than the bytes, against twice for bytea's hex text form).
      const unique = new Map(files.map((f) => [f.sha256, f]));
      const idBySha = new Map<string, string>();
      for (const c of chunks([...unique.values()], 500)) {
        const rows = c.map((f) => ({
          id: createRandomId(),
          sha256: f.sha256,
          media_type: f.mediaType,
          size: f.content.byteLength,
          content_base64: Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength).toString("base64"),
        }));
        const { id, sha256, mediaType, size, content } = storedFiles;
        const inserted = await queryRows<{ id: string; sha256: string }>(
          tx,
          sql`
          insert into ${storedFiles} (${columnNames([id, sha256, mediaType, size, content])})
          select f.id, f.sha256, f.media_type, f.size, decode(f.content_base64, 'base64')
          from json_to_recordset(${JSON.stringify(rows)}::json)
            as f(id text, sha256 text, media_type text, size bigint, content_base64 text)
          on conflict (${columnNames([sha256])}) do nothing returning ${id} as id, ${sha256} as sha256`,
        );
        for (const r of inserted) idBySha.set(r.sha256, r.id);
      }
      const missing = [...unique.keys()].filter((sha) => !idBySha.has(sha));
      for (const c of chunks(missing, 1000)) {
        const rows = await tx
          .select({ id: storedFiles.id, sha256: storedFiles.sha256 })
          .from(storedFiles)
          .where(inArray(storedFiles.sha256, c));
        for (const r of rows) idBySha.set(r.sha256, r.id);
      }
      for (const c of chunks(files, 2000)) {
        await insertJsonRows(
          tx,
          documentFiles,
          c.map((f) => ({
            documentId: f.documentId,
            fileId: idBySha.get(f.sha256)!,
            role: f.role,
            fileName: f.fileName,
          })),
          { onConflictDoNothing: true },
        );
      }
    }
    for (const c of chunks(docRows)) {
      await recordAuditEvents(
        tx,
        actor,
        c.map((d) => ({
          action: "document.issued",
          entityType: "document",
          entityId: d.id!,
          accountId: d.accountId,
          after: {
            kind: d.kind,
            series: d.series,
            folio: d.folio,
            amount: d.amount,
            currency: d.currency,
            accountId: d.accountId,
          },
        })),
      );
    }
    return docRows.map((d) => ({ id: d.id!, amount: d.amount as string }));
  });
}
