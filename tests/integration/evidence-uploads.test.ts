// Evidence uploads (app/domain/claims/parse-evidence-upload.server.ts, evidence.server.ts): the type
// comes from the bytes against the allowlist, whatever the name; executables and undetected files
// are refused; the caps (file size, file count, total) hold, the total early on Content-Length before
// any byte is read; XML with a DTD (external entities) is refused; refused files leave the fields.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sniffEvidence } from "~/domain/claims/evidence.server";
import { parseEvidenceUpload } from "~/domain/claims/parse-evidence-upload.server";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
  0, 0,
]);
const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(60).fill(0)]);
const PE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, ...new Array(120).fill(0)]);
const SCRIPT = new TextEncoder().encode("#!/bin/sh\nrm -rf /\n");
const XML = new TextEncoder().encode(
  '<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Total="10.00"/>',
);
const XXE = new TextEncoder().encode(
  '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
);

function form(files: [string, Uint8Array][], fields: Record<string, string> = { description: "Llegó dañado" }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [name, bytes] of files)
    fd.append("evidence", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), name);
  return new Request("http://localhost/portal/claims/new", { method: "POST", body: fd });
}

describe("sniffing evidence", () => {
  it("accepts PDF, PNG, XML and XLSX by content, with SHA-256 and size", async () => {
    expect(await sniffEvidence(PDF)).toMatchObject({ ok: true, mediaType: "application/pdf", size: PDF.length });
    expect(await sniffEvidence(PNG)).toMatchObject({ ok: true, mediaType: "image/png" });
    expect(await sniffEvidence(XML)).toMatchObject({ ok: true, mediaType: "application/xml" });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("a").addRow(["x", 1]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await sniffEvidence(xlsx)).toMatchObject({
      ok: true,
      mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    const sniffed = await sniffEvidence(PDF);
    expect(sniffed.ok && sniffed.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses executables, scripts, undetected bytes and XML with a DTD", async () => {
    expect(await sniffEvidence(ELF)).toMatchObject({ ok: false, reason: "executable" });
    expect(await sniffEvidence(PE)).toMatchObject({ ok: false, reason: "executable" });
    expect(await sniffEvidence(SCRIPT)).toMatchObject({ ok: false, reason: "executable" });
    expect(await sniffEvidence(new TextEncoder().encode("just some text"))).toMatchObject({
      ok: false,
      reason: "undetected",
    });
    expect(await sniffEvidence(XXE)).toMatchObject({ ok: false, reason: "xml_dtd" });
    expect(await sniffEvidence(new TextEncoder().encode('<?xml version="1.0"?><a><b></a>'))).toMatchObject({
      ok: false,
      reason: "xml_invalid",
    });
    expect(await sniffEvidence(new Uint8Array())).toMatchObject({ ok: false, reason: "empty" });
  });
});

describe("parsing an evidence form", () => {
  it("keeps the fields, accepts good files and turns a renamed executable into a field refusal", async () => {
    const r = await parseEvidenceUpload(
      form([
        ["factura.pdf", PDF],
        ["foto.jpg", PE],
        ["ls.pdf", ELF],
      ]),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fields.get("description")).toBe("Llegó dañado");
    expect(r.files.map((f) => [f.fileName, f.mediaType])).toEqual([["factura.pdf", "application/pdf"]]);
    expect(r.refused).toEqual([
      { fieldName: "evidence", fileName: "foto.jpg", reason: "executable" },
      { fieldName: "evidence", fileName: "ls.pdf", reason: "executable" },
    ]);
  });

  it("refuses an 11th file and an oversized file", async () => {
    const eleven = await parseEvidenceUpload(
      form(Array.from({ length: 11 }, (_, i) => [`f${i}.pdf`, PDF] as [string, Uint8Array])),
    );
    expect(eleven).toEqual({ ok: false, tooLarge: false, reason: "too_many_files" });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    expect(await parseEvidenceUpload(form([["grande.pdf", big]]))).toEqual({
      ok: false,
      tooLarge: true,
      reason: "file_too_large",
    });
  });

  it("answers 'too large' from Content-Length before reading the body", async () => {
    let pulled = false;
    const body = new ReadableStream(
      {
        pull() {
          pulled = true;
          throw new Error("the body must not be read");
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://localhost/x", {
      method: "POST",
      body,
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(200 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    expect(await parseEvidenceUpload(request)).toEqual({ ok: false, tooLarge: true, reason: "total_too_large" });
    expect(pulled).toBe(false);
  });

  it("a request that is not multipart gives its fields and no files, not a crash", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const r = await parseEvidenceUpload(request);
    expect(r.ok && [r.fields.get("a"), r.files.length]).toEqual(["b", 0]);
  });
});
