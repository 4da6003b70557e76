// Renders an envelope's PDF in the calling thread (the PDF worker calls this; sealEnvelope goes
// through the pool).
import { renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import { EnvelopePdf } from "./envelope-pdf";
import type { EnvelopePdfData } from "./envelope-pdf-data";

export async function renderEnvelopePdfDocument(data: EnvelopePdfData): Promise<Uint8Array> {
  const element = createElement(EnvelopePdf, { data });
  const buffer = await renderToBuffer(element as unknown as Parameters<typeof renderToBuffer>[0]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
