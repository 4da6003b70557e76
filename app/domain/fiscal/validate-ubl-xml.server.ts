// Validates Colombian electronic documents against the OASIS UBL 2.1 schemas kept in
// standards/ubl21, offline, with the WASM build of libxml2 (xmllint-wasm, a dev dependency: used by
// tests and scripts, never by a request), as validate-cfdi-xml does for SAT's schemas.
// The main documents import ../common/…; the WASM file system is flat, so the paths are rewritten to
// the bare file names while loading. DIAN's own extension (sts:DianExtensions) sits in UBL's
// ExtensionContent, which the schema checks laxly: DIAN's rules (CUFE, numbering) are checked in code.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const SCHEMA_DIR = path.resolve(process.cwd(), "standards/ubl21");

export type UblRoot = "Invoice" | "CreditNote" | "DebitNote";

let cached: { entries: Map<UblRoot, string>; common: { fileName: string; contents: string }[] } | undefined;

function loadSchemas() {
  cached ??= (() => {
    const read = (dir: string, f: string) =>
      readFileSync(path.join(SCHEMA_DIR, dir, f), "utf8").replace(
        /schemaLocation="\.\.\/common\//g,
        'schemaLocation="',
      );
    const entries = new Map<UblRoot, string>();
    for (const root of ["Invoice", "CreditNote", "DebitNote"] as const)
      entries.set(root, read("maindoc", `UBL-${root}-2.1.xsd`));
    const common = readdirSync(path.join(SCHEMA_DIR, "common"))
      .filter((f) => f.endsWith(".xsd"))
      .map((f) => ({ fileName: f, contents: read("common", f) }));
    return { entries, common };
  })();
  return cached;
}

export interface UblValidation {
  valid: boolean;
  errors: string[];
}

/** The UBL document type of an XML file, from its root element (null when it is none of the three). */
export function ublRootOf(xml: string): UblRoot | null {
  const match = /<(?:[A-Za-z_][\w.-]*:)?(Invoice|CreditNote|DebitNote)[\s>]/.exec(xml.replace(/<\?[^>]*\?>/g, ""));
  return match ? (match[1] as UblRoot) : null;
}

/** Validates UBL documents, each against its own main schema; `valid` only if all are. Errors name the file. */
export async function validateUblXml(documents: { fileName: string; xml: string }[]): Promise<UblValidation> {
  const { validateXML } = await import("xmllint-wasm");
  const { entries, common } = loadSchemas();
  const errors: string[] = [];
  const byRoot = new Map<UblRoot, { fileName: string; contents: string }[]>();
  for (const d of documents) {
    const root = ublRootOf(d.xml);
    if (!root) {
      errors.push(`${d.fileName}: not a UBL Invoice, CreditNote or DebitNote`);
      continue;
    }
    byRoot.set(root, [...(byRoot.get(root) ?? []), { fileName: d.fileName, contents: d.xml }]);
  }
  for (const [root, xml] of byRoot) {
    const result = await validateXML({
      xml,
      schema: [{ fileName: `UBL-${root}-2.1.xsd`, contents: entries.get(root)! }],
      preload: common,
    });
    errors.push(...result.errors.map((e) => e.rawMessage));
  }
  return { valid: errors.length === 0, errors };
}
