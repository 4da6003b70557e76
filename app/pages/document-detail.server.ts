// Loaders of one document and its downloads (PDF generated on demand, XML as stored, ZIP of a
// selection), shared by the customer portal and the staff customer view. Foreign IDs answer 404, and
// so do IDs of a shape no row can have (checked before any query: a NUL byte would fail it).
import { getDocumentDetail } from "~/domain/documents/get-document-detail.server";
import { getDocumentFiscalRecord } from "~/domain/documents/get-document-fiscal-record.server";
import { renderInvoicePdf } from "~/domain/documents/render-invoice-pdf.server";
import { DOCUMENT_ZIP_MAX_DOCUMENTS } from "~/domain/documents/schemas";
import { getDocumentXml, streamDocumentsZip } from "~/domain/documents/stream-documents-zip.server";
import type { AccountScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getFixedT } from "~/utils/i18n";
import { isId, requireIdParam } from "~/utils/input";
import { notFound } from "~/utils/permissions.server";
import { consumeRateLimit, rateLimitMessage, tooManyRequests } from "~/utils/rate-limit.server";
import { refuseIfPdfBusy, renderOrBusy } from "./pdf-busy.server";

export async function loadDocumentDetail(scope: AccountScope, documentId: string | undefined) {
  const detail = await getDocumentDetail(await getDb(), {
    accountIds: scope.accountIds,
    documentId: requireIdParam(documentId),
  });
  if (!detail) notFound();
  return { detail, basePath: scope.basePath, locale: scope.locale };
}

export type DocumentDetailData = Awaited<ReturnType<typeof loadDocumentDetail>>;

/** 429 with Retry-After and the reason in the reader's language. */
const downloadsRefused = (scope: AccountScope, retryAfterSeconds: number) =>
  tooManyRequests(
    rateLimitMessage(getFixedT(scope.language), "rateLimit.downloads", retryAfterSeconds),
    retryAfterSeconds,
  );

const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`;

export async function downloadDocumentPdf(scope: AccountScope, documentId: string | undefined) {
  const db = await getDb();
  const query = { accountIds: scope.accountIds, documentId: requireIdParam(documentId) };
  const detail = await getDocumentDetail(db, query);
  if (!detail) notFound();
  // A full PDF pool answers 503 before the request spends its budget.
  const busy = refuseIfPdfBusy(scope);
  if (busy) return busy;
  const limit = await consumeRateLimit("pdf", scope.user.id);
  if (!limit.ok) return downloadsRefused(scope, limit.retryAfterSeconds);
  const fiscal = await getDocumentFiscalRecord(db, query);
  const rendered = await renderOrBusy(scope, () =>
    renderInvoicePdf(detail, fiscal, { language: scope.language, locale: scope.locale }),
  );
  if ("busy" in rendered) return rendered.busy;
  const { pdf } = rendered;
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachment(`${detail.serieFolio}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}

export async function downloadDocumentXml(scope: AccountScope, documentId: string | undefined) {
  const xml = await getDocumentXml(await getDb(), {
    accountIds: scope.accountIds,
    documentId: requireIdParam(documentId),
  });
  if (!xml) notFound();
  return new Response(xml.content as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/xml",
      "Content-Disposition": attachment(xml.fileName),
      "Cache-Control": "private, no-store",
    },
  });
}

export async function downloadDocumentsZip(request: Request, scope: AccountScope) {
  const requested = (await readForm(request)).getAll("id").filter((v) => v !== "");
  if (requested.length === 0 || requested.length > DOCUMENT_ZIP_MAX_DOCUMENTS)
    throw new Response("Bad request", { status: 400 });
  // An ID of a shape no row can have is left out like an unknown one; with nothing left, 404 below.
  const ids = requested.filter(isId);
  if (ids.length === 0) notFound();
  // Its PDFs are rendered one at a time as the archive streams (the first as soon as it is built),
  // each waiting its turn in the pool: so a full pool refuses the ZIP before anything is built.
  const busy = refuseIfPdfBusy(scope);
  if (busy) return busy;
  const zip = await streamDocumentsZip(await getDb(), {
    accountIds: scope.accountIds,
    documentIds: ids,
    language: scope.language,
    locale: scope.locale,
  });
  // A selection with nothing the user may see is not an empty archive: it is not found.
  if (zip.included.length === 0) {
    await zip.stream.cancel();
    notFound();
  }
  // Counted once we know there is something to build (the archive is built as it is read).
  const limit = await consumeRateLimit("zip", scope.user.id);
  if (!limit.ok) {
    await zip.stream.cancel();
    return downloadsRefused(scope, limit.retryAfterSeconds);
  }
  return new Response(zip.stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachment("documentos.zip"),
      "Cache-Control": "private, no-store",
    },
  });
}
