// Renders an invoice or note (from getDocumentDetail) to PDF bytes in the calling thread. The portal
// calls renderInvoicePdf (../render-invoice-pdf.server.ts), which runs this in a worker thread.
import { type DocumentProps, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import type { DocumentDetail } from "../get-document-detail.server";
import { InvoicePdf, type PdfLanguage } from "./invoice-pdf";

export interface RenderInvoicePdfOptions {
  language: PdfLanguage;
  /** es-MX, es-CO or en-US: how numbers and money are written. */
  locale: string;
}

export async function renderInvoicePdfDocument(
  detail: DocumentDetail,
  options: RenderInvoicePdfOptions,
): Promise<Uint8Array> {
  // renderToBuffer's type wants a <Document> element; InvoicePdf renders one.
  const element = createElement(InvoicePdf, { detail, language: options.language, locale: options.locale });
  const buffer = await renderToBuffer(element as unknown as React.ReactElement<DocumentProps>);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
