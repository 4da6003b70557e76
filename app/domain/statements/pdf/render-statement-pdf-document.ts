// Renders a statement (from getStatement) to PDF bytes in the calling thread; labels by language,
// money by locale. The portal calls renderStatementPdf (render-statement-pdf.server.ts), which runs
// this in a worker thread.
import { renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import { getStatementLabels, type StatementLanguage } from "../labels";
import type { Statement } from "../types";
import { StatementPdf } from "./statement-pdf";

export interface StatementRenderOptions {
  language: StatementLanguage;
  /** es-MX, es-CO or en-US: formats money and dates. */
  locale: string;
}

export async function renderStatementPdfDocument(
  statement: Statement,
  options: StatementRenderOptions,
): Promise<Uint8Array> {
  const element = createElement(StatementPdf, {
    statement,
    labels: getStatementLabels(options.language),
    locale: options.locale,
  });
  // renderToBuffer's type wants a <Document> element; StatementPdf returns one.
  const buffer = await renderToBuffer(element as unknown as Parameters<typeof renderToBuffer>[0]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
