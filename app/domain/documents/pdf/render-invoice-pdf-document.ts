// Renders an invoice or note (from getDocumentDetail, with its stored XML read by readFiscalXml) to PDF bytes in the calling thread. The portal
// calls renderInvoicePdf (../render-invoice-pdf.server.ts), which runs this in a worker thread.
import { type DocumentProps, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import type { FiscalRecord } from "~/domain/fiscal/read-fiscal-xml";
import type { DocumentDetail } from "../get-document-detail.server";
import { InvoicePdf, type PdfLanguage } from "./invoice-pdf";

export interface RenderInvoicePdfOptions {
  language: PdfLanguage;
  /** es-MX, es-CO or en-US: how numbers and money are written. */
  locale: string;
}

export async function renderInvoicePdfDocument(
  detail: DocumentDetail,
  fiscal: FiscalRecord | null,
  options: RenderInvoicePdfOptions,
): Promise<Uint8Array> {
  // renderToBuffer's type wants a <Document> element; InvoicePdf renders one.
  const element = createElement(InvoicePdf, { detail, fiscal, language: options.language, locale: options.locale });
  const buffer = await renderToBuffer(element as unknown as React.ReactElement<DocumentProps>);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
