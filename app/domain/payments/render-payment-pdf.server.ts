// Renders a payment PDF (provisional receipt or printed REP) in the PDF worker pool, off the request
// thread; throws PdfRendererBusyError when the pool's queue is full (answer 503 with Retry-After).
import { type PdfAdmission, renderPdf } from "~/domain/pdf/pdf-pool.server";
import type { PaymentPdfInput, PaymentPdfOptions } from "./pdf/render-payment-pdf-document";

export function renderPaymentPdf(input: PaymentPdfInput, options: PaymentPdfOptions, admission?: PdfAdmission) {
  return renderPdf({ kind: "payment", input, options }, admission);
}
