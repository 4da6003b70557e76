// What the QR codes of fiscal printed representations carry: SAT's CFDI verification URL (Anexo 20,
// Apéndice 2: id, re, rr, tt, fe) and DIAN's document search URL with the CUFE/CUDE. Pure.

export const SAT_VERIFICATION_URL = "https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx";
export const DIAN_SEARCH_URL = "https://catalogo-vpfe.dian.gov.co/document/searchqr";
const DIAN_TEST_SEARCH_URL = "https://catalogo-vpfe-hab.dian.gov.co/document/searchqr";

/**
 * Total as Anexo 20 writes it in the QR (up to 18 integers and 6 decimals, non-significant zeros left
 * out, one decimal kept): "35342.10" → "35342.1", "1218.00" → "1218.0". Works on the decimal string, no float.
 */
export function formatQrTotal(total: string): string {
  const [whole, fraction = ""] = total.trim().split(".");
  const integer = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction.slice(0, 6).replace(/0+$/, "");
  return `${integer}.${decimals === "" ? "0" : decimals}`;
}

/** SAT's verification URL: id (UUID), re and rr (RFCs, "&" written "&amp;"), tt (total), fe (last 8 characters of the seal). */
export function buildSatVerificationUrl(input: {
  uuid: string;
  issuerRfc: string;
  receiverRfc: string;
  total: string;
  seal: string;
}): string {
  const rfc = (value: string) => value.replace(/&/g, "&amp;");
  return (
    `${SAT_VERIFICATION_URL}?id=${input.uuid}&re=${rfc(input.issuerRfc)}&rr=${rfc(input.receiverRfc)}` +
    `&tt=${formatQrTotal(input.total)}&fe=${input.seal.slice(-8)}`
  );
}

/** DIAN's search URL for a CUFE/CUDE; documents of the test environment (2) are searched on its own host. */
export function buildDianQrUrl(uniqueCode: string, environment = "1"): string {
  return `${environment === "2" ? DIAN_TEST_SEARCH_URL : DIAN_SEARCH_URL}?documentkey=${uniqueCode}`;
}
