// Renders a statement (from getStatement) to PDF bytes in the PDF worker pool, off the request
// thread; throws PdfRendererBusyError when the pool's queue is full (answer 503 with Retry-After).
import { renderPdf } from "~/domain/pdf/pdf-pool.server";
import type { Statement } from "../types";
import type { StatementRenderOptions } from "./render-statement-pdf-document";

export type { StatementRenderOptions } from "./render-statement-pdf-document";

export function renderStatementPdf(statement: Statement, options: StatementRenderOptions): Promise<Uint8Array> {
  return renderPdf({ kind: "statement", statement, options });
}
