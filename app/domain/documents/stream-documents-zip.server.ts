// Downloads of fiscal documents: a ZIP of several documents (generated PDF + stored XML each), streamed
// entry by entry, and a single document's stored XML. Both scoped to the caller's accounts.
//
// Foreign or unknown IDs in a ZIP selection are silently left out (the selection comes from a list the
// user saw; telling which IDs exist elsewhere would leak). `included`/`excludedCount` let the route
// answer 404 when nothing is left.
import { Readable } from "node:stream";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import yazl from "yazl";
import { documentFiles, documents, storedFiles } from "#db/schema";
import { readFiscalXml } from "~/domain/fiscal/read-fiscal-xml";
import type { DbOrTx } from "~/utils/db.server";
import { toWebStream } from "~/utils/streams.server";
import { getDocumentDetail } from "./get-document-detail.server";
import type { PdfLanguage } from "./pdf/invoice-pdf";
import { renderInvoicePdf } from "./render-invoice-pdf.server";
import { DocumentZipSelectionSchema } from "./schemas";

const d = alias(documents, "d");
const f = alias(documentFiles, "f");

/** "A/12 3" → "A_12_3": keeps names portable across Windows, macOS and zip tools. */
export function toSafeFileBase(serieFolio: string): string {
  return serieFolio.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") || "document";
}

export interface DocumentsZip {
  stream: ReadableStream<Uint8Array>;
  /** Documents in the archive, in the order written, with their entry names. */
  included: { id: string; serieFolio: string; pdf: string; xml: string | null }[];
  /** Requested IDs left out because they are not visible to the caller (or do not exist). */
  excludedCount: number;
}

export interface StreamDocumentsZipInput {
  accountIds: string[];
  /** Up to DOCUMENT_ZIP_MAX_DOCUMENTS (500) IDs; duplicates are ignored; more is refused (ZodError). */
  documentIds: string[];
  language: PdfLanguage;
  locale: string;
  /** For the open amount printed on each PDF; defaults to the seller's today. */
  asOf?: string;
}

/**
 * Looks up the visible documents (one query), then returns at once: each PDF is rendered and each XML
 * read only when the archive reaches its entry and the consumer has read what came before, so memory
 * holds about one document at a time whatever the selection size.
 */
export async function streamDocumentsZip(db: DbOrTx, input: StreamDocumentsZipInput): Promise<DocumentsZip> {
  const ids = DocumentZipSelectionSchema.parse(input.documentIds);
  const accountIds = [...new Set(input.accountIds)];
  const docs =
    accountIds.length === 0
      ? []
      : await db
          .select({
            id: d.id,
            series: d.series,
            folio: d.folio,
            xmlFileId: sql<string | null>`(select ${f.fileId} from ${documentFiles} ${f} where ${f.documentId} = ${d.id}
              and ${f.role} = 'xml' order by ${f.attachedAt} desc limit 1)`,
          })
          .from(d)
          .where(and(inArray(d.id, ids), inArray(d.accountId, accountIds)))
          .orderBy(d.series, sql`length(${d.folio})`, d.folio, d.id);

  const zip = new yazl.ZipFile();
  const used = new Set<string>();
  const uniqueName = (base: string, ext: string) => {
    let name = `${base}.${ext}`;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base} (${n}).${ext}`;
    used.add(name.toLowerCase());
    return name;
  };

  const included: DocumentsZip["included"] = [];
  for (const doc of docs) {
    const serieFolio = `${doc.series}-${doc.folio}`;
    const base = toSafeFileBase(serieFolio);
    const pdfName = uniqueName(base, "pdf");
    zip.addReadStreamLazy(pdfName, (cb) => {
      const pdf = (async function* () {
        const detail = await getDocumentDetail(db, { accountIds, documentId: doc.id, asOf: input.asOf });
        if (!detail) throw new Error(`document ${doc.id} disappeared while zipping`);
        const fiscal = doc.xmlFileId ? readFiscalXml(await readStoredFile(db, doc.xmlFileId)) : null;
        // Admitted with the ZIP (downloadDocumentsZip checks the pool first): each entry waits its turn.
        const bytes = await renderInvoicePdf(
          detail,
          fiscal,
          { language: input.language, locale: input.locale },
          "queue",
        );
        yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      })();
      cb(null, Readable.from(pdf, { objectMode: false }));
    });
    let xmlName: string | null = null;
    if (doc.xmlFileId) {
      const fileId = doc.xmlFileId;
      xmlName = uniqueName(base, "xml");
      zip.addReadStreamLazy(xmlName, (cb) => {
        const xml = (async function* () {
          yield Buffer.from(await readStoredFile(db, fileId));
        })();
        cb(null, Readable.from(xml, { objectMode: false }));
      });
    }
    included.push({ id: doc.id, serieFolio, pdf: pdfName, xml: xmlName });
  }
  zip.end();

  const output = zip.outputStream as Readable;
  // An entry that fails (render error, database gone) aborts the download rather than ending it silently short.
  zip.on("error", (error: Error) => output.destroy(error));
  return { stream: toWebStream(output), included, excludedCount: ids.length - docs.length };
}

async function readStoredFile(db: DbOrTx, fileId: string): Promise<Uint8Array> {
  const [row] = await db.select({ content: storedFiles.content }).from(storedFiles).where(eq(storedFiles.id, fileId));
  if (!row) throw new Error(`stored file ${fileId} missing`);
  return row.content;
}

/** The stored XML of a visible document, byte for byte as it was stored; null when not visible or without XML. */
export async function getDocumentXml(
  db: DbOrTx,
  input: { accountIds: string[]; documentId: string },
): Promise<{ fileName: string; content: Uint8Array } | null> {
  const accountIds = [...new Set(input.accountIds)];
  if (accountIds.length === 0 || !input.documentId) return null;
  const [row] = await db
    .select({ series: d.series, folio: d.folio, content: storedFiles.content })
    .from(d)
    .innerJoin(f, and(eq(f.documentId, d.id), eq(f.role, "xml")))
    .innerJoin(storedFiles, eq(storedFiles.id, f.fileId))
    .where(and(eq(d.id, input.documentId), inArray(d.accountId, accountIds)))
    .orderBy(desc(f.attachedAt))
    .limit(1);
  if (!row) return null;
  return { fileName: `${toSafeFileBase(`${row.series}-${row.folio}`)}.xml`, content: row.content };
}
