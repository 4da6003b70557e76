// What evidence file a claim accepts, decided from its bytes, never from its name or the browser's
// Content-Type: the type file-type sniffs must be on the allowlist (PDF, JPEG, PNG, HEIC, WebP, XML,
// XLSX); executables (MZ, ELF, "#!") and anything undetected are refused. XML must be well-formed
// and carry no DTD: no DOCTYPE, no entity declarations, so no external entity is ever resolved (the
// parser has no resolver either) and no entity expansion bomb can be built.
import { createHash } from "node:crypto";
import { XMLValidator } from "fast-xml-parser";
import { fileTypeFromBuffer } from "file-type";
import { EVIDENCE_MEDIA_TYPES, type EvidenceMediaType } from "~/domain/vocabulary";

export const EVIDENCE_LIMITS = {
  maxFileSize: 10 * 1024 * 1024,
  maxFiles: 10,
  maxTotalSize: 40 * 1024 * 1024,
} as const;

export type EvidenceRefusal = "executable" | "type_not_allowed" | "undetected" | "xml_invalid" | "xml_dtd" | "empty";

export type SniffedEvidence =
  | { ok: true; mediaType: EvidenceMediaType; sha256: string; size: number }
  | { ok: false; reason: EvidenceRefusal; detected?: string };

const ALLOWED: ReadonlySet<string> = new Set(EVIDENCE_MEDIA_TYPES);

function startsWith(bytes: Uint8Array, prefix: number[]) {
  return prefix.every((b, i) => bytes[i] === b);
}

export function isExecutable(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x4d, 0x5a]) || // MZ: Windows PE
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || // \x7fELF
    startsWith(bytes, [0x23, 0x21]) || // #!: scripts
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe])
  );
}

/** XML evidence: well-formed, without DOCTYPE or ENTITY declarations. */
export function checkEvidenceXml(bytes: Uint8Array): EvidenceRefusal | null {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return "xml_dtd";
  return XMLValidator.validate(text) === true ? null : "xml_invalid";
}

export async function sniffEvidence(bytes: Uint8Array): Promise<SniffedEvidence> {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (isExecutable(bytes)) return { ok: false, reason: "executable" };
  const detected = await fileTypeFromBuffer(bytes.subarray(0, 4100));
  if (!detected) return { ok: false, reason: "undetected" };
  if (/x-msdownload|x-elf|x-mach|x-executable|x-sh/.test(detected.mime))
    return { ok: false, reason: "executable", detected: detected.mime };
  if (!ALLOWED.has(detected.mime)) return { ok: false, reason: "type_not_allowed", detected: detected.mime };
  if (detected.mime === "application/xml") {
    const problem = checkEvidenceXml(bytes);
    if (problem) return { ok: false, reason: problem };
  }
  return {
    ok: true,
    mediaType: detected.mime as EvidenceMediaType,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    size: bytes.length,
  };
}
