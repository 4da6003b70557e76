// Reads the body of an action as a form, refusing with a 4xx what is not one: another content type
// (JSON, text, XML, none), a broken multipart body, a body or field over its size limit, a NUL byte
// (PostgreSQL refuses it in text), a file. Every action reads its form through readForm, never
// request.formData(), which throws (a 500) on all of these.

/** A whole form body; the largest real one (a ZIP selection of 500 IDs) is about 15 kB. */
export const MAX_FORM_BYTES = 1024 * 1024;
/** One field (name and value); the longest real one (an invitation's name) is 120 characters. */
export const MAX_FORM_FIELD_BYTES = 100 * 1024;

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

function refuse(status: 400 | 413 | 415, message: string): never {
  throw new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The body's bytes, read until `max` and refused (413) past it, whatever Content-Length said. */
async function readBytes(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      refuse(400, "Bad request: the body could not be read.");
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      refuse(413, `Payload too large: a form is at most ${max} bytes.`);
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export interface ReadFormLimits {
  maxBytes?: number;
  maxFieldBytes?: number;
}

/**
 * The action's form: 415 when the body is not a form, 413 when it (or a field) is too large (early,
 * on Content-Length, when the client declares it), 400 when it cannot be parsed or holds a NUL byte or
 * a file. Thrown Responses: a page shows its error boundary, a resource route answers the short text.
 */
export async function readForm(request: Request, limits: ReadFormLimits = {}): Promise<FormData> {
  const maxBytes = limits.maxBytes ?? MAX_FORM_BYTES;
  const maxFieldBytes = limits.maxFieldBytes ?? MAX_FORM_FIELD_BYTES;
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.has(type))
    refuse(415, "Unsupported media type: send a form (application/x-www-form-urlencoded or multipart/form-data).");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes)
    refuse(413, `Payload too large: a form is at most ${maxBytes} bytes.`);
  const bytes = await readBytes(request, maxBytes);

  let form: FormData;
  if (type === "application/x-www-form-urlencoded") {
    form = new FormData();
    for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) form.append(name, value);
  } else {
    try {
      form = await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
    } catch {
      refuse(400, "Bad request: the multipart body could not be parsed.");
    }
  }

  const encoder = new TextEncoder();
  for (const [name, value] of form) {
    if (typeof value !== "string") refuse(400, "Bad request: this form takes no files.");
    if (name.includes("\u0000") || value.includes("\u0000")) refuse(400, "Bad request: a form field holds a NUL byte.");
    // A UTF-8 character is at most 3 bytes per UTF-16 unit: only long fields need encoding to be measured.
    const size = name.length + value.length;
    if (size * 3 > maxFieldBytes && encoder.encode(name + value).byteLength > maxFieldBytes)
      refuse(413, `Payload too large: a form field is at most ${maxFieldBytes} bytes.`);
  }
  return form;
}
