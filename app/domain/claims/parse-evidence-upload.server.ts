// Reads a multipart claim form with its evidence files under caps: 10 MB a file, 10 files, a total
// cap, refused early (before reading a byte) when Content-Length already exceeds the total. Each file
// is sniffed (evidence.server.ts); a refused file becomes a field error while the other fields are
// kept, so the form can be shown again filled in. Callers map `tooLarge` to 413.
import {
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { EVIDENCE_LIMITS, type EvidenceRefusal, sniffEvidence } from "./evidence.server";

export interface AcceptedEvidence {
  fieldName: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
}

export type EvidenceUploadResult =
  | {
      ok: true;
      fields: FormData;
      files: AcceptedEvidence[];
      refused: { fieldName: string; fileName: string; reason: EvidenceRefusal }[];
    }
  | { ok: false; tooLarge: boolean; reason: "total_too_large" | "file_too_large" | "too_many_files" | "malformed" };

/** Headroom for the multipart boundaries and the text fields above the files' total. */
const FORM_OVERHEAD = 256 * 1024;

export async function parseEvidenceUpload(
  request: Request,
  limits: { maxFileSize: number; maxFiles: number; maxTotalSize: number } = EVIDENCE_LIMITS,
): Promise<EvidenceUploadResult> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxTotalSize + FORM_OVERHEAD)
    return { ok: false, tooLarge: true, reason: "total_too_large" };
  const files: AcceptedEvidence[] = [];
  const refused: { fieldName: string; fileName: string; reason: EvidenceRefusal }[] = [];
  try {
    const fields = await parseFormData(
      request,
      {
        maxFiles: limits.maxFiles,
        maxFileSize: limits.maxFileSize,
        maxTotalSize: limits.maxTotalSize + FORM_OVERHEAD,
        maxParts: limits.maxFiles + 50,
      },
      async (upload) => {
        // An empty file input submits a nameless, empty part: nothing was chosen.
        if (!upload.name && upload.size === 0) return null;
        const bytes = new Uint8Array(await upload.arrayBuffer());
        const sniffed = await sniffEvidence(bytes);
        if (!sniffed.ok) refused.push({ fieldName: upload.fieldName, fileName: upload.name, reason: sniffed.reason });
        else
          files.push({
            fieldName: upload.fieldName,
            fileName: upload.name.slice(0, 255) || "evidencia",
            mediaType: sniffed.mediaType,
            sha256: sniffed.sha256,
            size: sniffed.size,
            bytes,
          });
        return null;
      },
    );
    return { ok: true, fields, files, refused };
  } catch (error) {
    if (error instanceof MaxFilesExceededError) return { ok: false, tooLarge: false, reason: "too_many_files" };
    if (error instanceof MaxFileSizeExceededError) return { ok: false, tooLarge: true, reason: "file_too_large" };
    if (error instanceof MaxTotalSizeExceededError) return { ok: false, tooLarge: true, reason: "total_too_large" };
    if (error instanceof FormDataParseError || (error instanceof Error && error.name.endsWith("ParseError")))
      return { ok: false, tooLarge: false, reason: "malformed" };
    throw error;
  }
}
