// Validates CFDI 4.0 XML against SAT's schemas kept in standards/cfdi40, offline, with a WASM build
// of libxml2 (xmllint-wasm, a dev dependency: used by tests and scripts, never by a request).
// SAT's schemas import each other by http URL; libxml2 in WASM cannot read an XML catalog, so the
// URLs are rewritten to the local file names while loading.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const SCHEMA_DIR = path.resolve(process.cwd(), "standards/cfdi40");
const ENTRY = "cfdi40-all.xsd";

let cached: { entry: string; preload: { fileName: string; contents: string }[] } | undefined;

function loadSchemas() {
  cached ??= (() => {
    const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".xsd"));
    const read = (f: string) =>
      readFileSync(path.join(SCHEMA_DIR, f), "utf8").replace(
        /schemaLocation="http:\/\/www\.sat\.gob\.mx\/[^"]*\/([^"/]+\.xsd)"/g,
        'schemaLocation="$1"',
      );
    return {
      entry: read(ENTRY),
      preload: files.filter((f) => f !== ENTRY).map((f) => ({ fileName: f, contents: read(f) })),
    };
  })();
  return cached;
}

export interface CfdiValidation {
  valid: boolean;
  errors: string[];
}

/** Validates one or more CFDI documents; `valid` only if all are. Errors name the file they come from. */
export async function validateCfdiXml(documents: { fileName: string; xml: string }[]): Promise<CfdiValidation> {
  const { validateXML } = await import("xmllint-wasm");
  const { entry, preload } = loadSchemas();
  const result = await validateXML({
    xml: documents.map((d) => ({ fileName: d.fileName, contents: d.xml })),
    schema: [{ fileName: ENTRY, contents: entry }],
    preload,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
