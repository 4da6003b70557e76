// The fiscal record a document's printed representation shows (CFDI stamp, DIAN CUFE and resolution),
// read from the XML stored with it, byte for byte what the customer downloads. Scoped like every
// document read: a document outside the caller's accounts, or without XML, gives null.
import { type FiscalRecord, readFiscalXml } from "~/domain/fiscal/read-fiscal-xml";
import type { DbOrTx } from "~/utils/db.server";
import { getDocumentXml } from "./stream-documents-zip.server";

export async function getDocumentFiscalRecord(
  db: DbOrTx,
  input: { accountIds: string[]; documentId: string },
): Promise<FiscalRecord | null> {
  const xml = await getDocumentXml(db, input);
  return xml ? readFiscalXml(xml.content) : null;
}
