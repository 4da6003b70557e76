// Renders an invoice or note (from getDocumentDetail, with getDocumentFiscalRecord) to PDF bytes in the PDF worker pool, off the
// request thread; throws PdfRendererBusyError when the pool's queue is full (answer 503 with Retry-After).
import type { FiscalRecord } from "~/domain/fiscal/read-fiscal-xml";
import { type PdfAdmission, renderPdf } from "~/domain/pdf/pdf-pool.server";
import type { DocumentDetail } from "./get-document-detail.server";
import type { RenderInvoicePdfOptions } from "./pdf/render-invoice-pdf-document";

export type { RenderInvoicePdfOptions } from "./pdf/render-invoice-pdf-document";

export function renderInvoicePdf(
  detail: DocumentDetail,
  fiscal: FiscalRecord | null,
  options: RenderInvoicePdfOptions,
  admission?: PdfAdmission,
): Promise<Uint8Array> {
  return renderPdf({ kind: "invoice", detail, fiscal, options }, admission);
}
