// Loaders of one document and its downloads (PDF generated on demand, XML as stored, ZIP of a
// selection), shared by the customer portal and the staff customer view. Foreign IDs answer 404, and
// so do IDs of a shape no row can have (checked before any query: a NUL byte would fail it).
import { redirect } from "@remix-run/node";
import { getDocumentDetail } from "~/domain/documents/get-document-detail.server";
import { getDocumentFiscalRecord } from "~/domain/documents/get-document-fiscal-record.server";
import { listDocumentIds } from "~/domain/documents/list-document-ids.server";
import { renderInvoicePdf } from "~/domain/documents/render-invoice-pdf.server";
import { DOCUMENT_ZIP_MAX_DOCUMENTS } from "~/domain/documents/schemas";
import { getDocumentXml, streamDocumentsZip } from "~/domain/documents/stream-documents-zip.server";
import { listInvoiceReceipts } from "~/domain/payments/read-payment-registrations.server";
import type { AccountScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getFixedT, todayIn } from "~/utils/i18n";
import { isId, requireIdParam } from "~/utils/input";
import { notFound } from "~/utils/permissions.server";
import { consumeRateLimit, rateLimitMessage, tooManyRequests } from "~/utils/rate-limit.server";
import { isDocumentNavigation } from "~/utils/resource-errors.server";
import { cardPaymentsEnabled } from "~/utils/stripe.server";
import { type ZipError, readDocumentListQuery } from "./document-list.server";
import { refuseIfPdfBusy, renderOrBusy } from "./pdf-busy.server";

export async function load(scope: AccountScope, documentId: string | undefined) {
  const detail = await getDocumentDetail(await getDb(), {
    accountIds: scope.accountIds,
    documentId: requireIdParam(documentId),
  });
  if (!detail) notFound();
  // The REPs that name this invoice (its instalments), downloadable from here as from the payment.
  const receipts = await listInvoiceReceipts(await getDb(), scope.accountIds, detail.id);
  const repBase = scope.side === "portal" ? "/portal/payments/reps" : "/staff/payments/reps";
  return {
    detail,
    basePath: scope.basePath,
    locale: scope.locale,
    receipts: receipts.map((r) => ({ ...r, xml: `${repBase}/${r.id}/xml`, pdf: `${repBase}/${r.id}/pdf` })),
    payByCard: scope.side === "portal" && cardPaymentsEnabled(),
  };
}

export type DocumentDetailData = Awaited<ReturnType<typeof load>>;

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

/** The query of the list a ZIP request came from (its hidden returnTo): only this scope's list counts. */
function zipReturnQuery(scope: AccountScope, returnTo: FormDataEntryValue | null): URLSearchParams {
  const list = `${scope.basePath}/invoices`;
  if (typeof returnTo !== "string" || returnTo.length > 2000) return new URLSearchParams();
  const [path, query = ""] = returnTo.split(/\?(.*)/s);
  return path === list ? new URLSearchParams(query) : new URLSearchParams();
}

/**
 * A ZIP of the selected documents (form fields `id`), or of every document of a list filter
 * (`intent=all` with the list's query string in `query`), at most DOCUMENT_ZIP_MAX_DOCUMENTS. A
 * selection that cannot be built (nothing chosen, too many, nothing this user may see) sends a
 * browser back to its list with the reason shown there; other clients get 400 or 404.
 */
export async function downloadDocumentsZip(request: Request, scope: AccountScope) {
  const form = await readForm(request);
  const refuse = (reason: ZipError, status: number): never => {
    if (!isDocumentNavigation(request)) throw new Response(status === 404 ? "Not found" : "Bad request", { status });
    const back = zipReturnQuery(scope, form.get("returnTo"));
    back.set("zipError", reason);
    throw redirect(`${scope.basePath}/invoices?${back}`, 303);
  };
  let ids: string[];
  if (form.get("intent") === "all") {
    const query = typeof form.get("query") === "string" ? String(form.get("query")).slice(0, 4000) : "";
    const { tab, filters, sort } = readDocumentListQuery(new URLSearchParams(query), scope.locale);
    const all = await listDocumentIds(
      await getDb(),
      { accountIds: scope.accountIds, tab, filters, sort, asOf: todayIn(scope.timeZone) },
      DOCUMENT_ZIP_MAX_DOCUMENTS,
    );
    if (all.truncated) refuse("tooMany", 400);
    if (all.ids.length === 0) refuse("empty", 400);
    ids = all.ids;
  } else {
    const requested = form.getAll("id").filter((v) => v !== "");
    if (requested.length === 0) refuse("empty", 400);
    if (new Set(requested).size > DOCUMENT_ZIP_MAX_DOCUMENTS) refuse("tooMany", 400);
    // An ID of a shape no row can have is left out like an unknown one; with nothing left, 404 below.
    ids = [...new Set(requested.filter(isId))];
    if (ids.length === 0) refuse("notFound", 404);
  }
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
    refuse("notFound", 404);
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
