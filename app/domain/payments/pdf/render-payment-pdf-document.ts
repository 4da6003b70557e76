// Renders the payment PDFs (provisional receipt, printed REP) to bytes in the calling thread; the
// portal calls renderPaymentPdf (../render-payment-pdf.server.ts), which runs this in the PDF worker pool.
import { type DocumentProps, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import {
  type PaymentPdfLanguage,
  type ProvisionalReceiptData,
  ProvisionalReceiptPdf,
  type RepPdfData,
  RepPdf,
} from "./payment-pdfs";

export interface PaymentPdfOptions {
  language: PaymentPdfLanguage;
  locale: string;
}

export type PaymentPdfInput =
  { document: "provisional_receipt"; data: ProvisionalReceiptData } | { document: "rep"; data: RepPdfData };

export async function renderPaymentPdfDocument(
  input: PaymentPdfInput,
  options: PaymentPdfOptions,
): Promise<Uint8Array> {
  const element =
    input.document === "rep"
      ? createElement(RepPdf, { data: input.data, ...options })
      : createElement(ProvisionalReceiptPdf, { data: input.data, ...options });
  const buffer = await renderToBuffer(element as unknown as React.ReactElement<DocumentProps>);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
