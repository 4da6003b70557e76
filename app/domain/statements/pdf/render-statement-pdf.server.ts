// Renders a statement (from getStatement) to PDF bytes; labels by language, money by locale.
import type { Statement } from "../types";
import { type StatementRenderOptions, renderStatementPdfDocument } from "./render-statement-pdf-document";

export type { StatementRenderOptions } from "./render-statement-pdf-document";

export function renderStatementPdf(statement: Statement, options: StatementRenderOptions): Promise<Uint8Array> {
  return renderStatementPdfDocument(statement, options);
}
