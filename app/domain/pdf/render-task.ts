// What a PDF worker is asked to do: plain, structured-clonable data in (a statement or a document as
// the domain returned it, language and locale), PDF bytes out. Loading that data stays on the main
// thread (the database is there); rendering, the CPU-heavy part, runs in app/domain/pdf/pdf-worker.ts.
// Nothing imported here may reach the database or the environment: the worker loads this module.
import type { DocumentDetail } from "~/domain/documents/get-document-detail.server";
import {
  type RenderInvoicePdfOptions,
  renderInvoicePdfDocument,
} from "~/domain/documents/pdf/render-invoice-pdf-document";
import type { FiscalRecord } from "~/domain/fiscal/read-fiscal-xml";
import {
  type PaymentPdfInput,
  type PaymentPdfOptions,
  renderPaymentPdfDocument,
} from "~/domain/payments/pdf/render-payment-pdf-document";
import type { EnvelopePdfData } from "~/domain/signing/pdf/envelope-pdf-data";
import { renderEnvelopePdfDocument } from "~/domain/signing/pdf/render-envelope-pdf-document";
import {
  type StatementRenderOptions,
  renderStatementPdfDocument,
} from "~/domain/statements/pdf/render-statement-pdf-document";
import type { Statement } from "~/domain/statements/types";

export type PdfTask =
  | { kind: "statement"; statement: Statement; options: StatementRenderOptions }
  | { kind: "invoice"; detail: DocumentDetail; fiscal: FiscalRecord | null; options: RenderInvoicePdfOptions }
  | { kind: "envelope"; data: EnvelopePdfData }
  | { kind: "payment"; input: PaymentPdfInput; options: PaymentPdfOptions };

/** Renders a task in the calling thread (the worker calls this). */
export function renderPdfTask(task: PdfTask): Promise<Uint8Array> {
  switch (task.kind) {
    case "statement":
      return renderStatementPdfDocument(task.statement, task.options);
    case "invoice":
      return renderInvoicePdfDocument(task.detail, task.fiscal, task.options);
    case "envelope":
      return renderEnvelopePdfDocument(task.data);
    case "payment":
      return renderPaymentPdfDocument(task.input, task.options);
  }
}
