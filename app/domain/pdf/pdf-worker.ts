// The PDF worker thread's entry (piscina calls the default export once per task). The production
// build emits it as build/server/pdf-worker.mjs (see vite.config.ts); from sources (vitest, tsx,
// remix vite:dev) pdf-worker.dev.mjs loads this file through tsx.
import { move } from "piscina";
import { type PdfTask, renderPdfTask } from "./render-task";

// The first render in a thread pays for react-pdf's layout engine (yoga's WebAssembly), the font
// metrics and the JIT: spend that while the thread starts, and let the first task wait for it.
// (A promise rather than a top-level await: the server build's esbuild target refuses top-level await.)
const warmUp = renderPdfTask({
  kind: "statement",
  statement: {
    seller: { id: "", legalName: "", taxId: "", country: "MX", timeZone: "America/Mexico_City" },
    customer: {
      accountId: "",
      accountNumber: "",
      legalName: "",
      taxId: "",
      currency: "MXN",
      paymentTermDays: 0,
      creditLimit: "0.00",
    },
    period: { from: "2026-01-01", to: "2026-01-31" },
    sections: [],
  },
  options: { language: "es", locale: "es-MX" },
}).catch(() => undefined);

export default async function renderInWorker(task: PdfTask) {
  await warmUp;
  const bytes = await renderPdfTask(task);
  // The bytes are handed over, not copied: transfer an ArrayBuffer that holds exactly the PDF (a
  // small Buffer may be a view into Node's shared allocation pool, which must not be transferred).
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
      ? bytes
      : bytes.slice();
  return move(own);
}
