// Reading back what the portal produces, for tests: PDF text (pdfjs), the QR code a PDF page shows
// (rasterised by poppler's pdftoppm, decoded by jsQR), ZIP entries (central directory).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { inflateRawSync } from "node:zlib";
import jsQR from "jsqr";
import { PNG } from "pngjs";

/** The text of each page of a PDF, whitespace collapsed. */
export async function readPdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str : ""))
        .join(" ")
        .replace(/\s+/g, " "),
    );
  }
  await doc.destroy();
  return pages;
}

/** The whole text of a PDF, whitespace collapsed. */
export async function readPdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdfPages(bytes)).join(" ").replace(/\s+/g, " ");
}

/**
 * The text of the QR code on each page of a PDF (null for a page without one), as a phone would read
 * it: the page is rasterised at 150 dpi by pdftoppm (Debian's poppler-utils), then decoded by jsQR.
 */
export async function readPdfQrCodes(bytes: Uint8Array): Promise<(string | null)[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "cartera-qr-"));
  try {
    await writeFile(path.join(dir, "doc.pdf"), bytes);
    await promisify(execFile)("pdftoppm", ["-png", "-r", "150", path.join(dir, "doc.pdf"), path.join(dir, "page")]);
    const pages = (await readdir(dir)).filter((f) => f.endsWith(".png")).sort();
    const codes: (string | null)[] = [];
    for (const page of pages) {
      const png = PNG.sync.read(await readFile(path.join(dir, page)));
      const code = jsQR(
        new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
        png.width,
        png.height,
      );
      codes.push(code ? code.data : null);
    }
    return codes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A ZIP's entries (name → bytes), read through its central directory. */
export function readZipEntries(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  if (eocd < 0) throw new Error("not a ZIP: no end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error("broken central directory");
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    const name = buf.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
