// Reads a stored fiscal XML back into what its printed representation must show: a Mexican CFDI 4.0
// with its TimbreFiscalDigital (Anexo 20: seals, certificate numbers, stamp date, codes, the SAT
// verification QR) or a Colombian DIAN UBL 2.1 document (CUFE/CUDE, numbering resolution, the DIAN QR).
// The PDF prints these values from the XML itself, so the paper and the file can never disagree.
// Pure: no I/O; loaded by the PDF worker too.
import { XMLParser } from "fast-xml-parser";
import { buildDianQrUrl, buildSatVerificationUrl } from "./verification-urls";

export interface CfdiRecord {
  standard: "cfdi";
  version: string;
  series: string | null;
  folio: string | null;
  /** "YYYY-MM-DDTHH:MM:SS", local time of issue */
  issuedAt: string;
  /** I ingreso, E egreso, P pago, T traslado, N nómina */
  voucherType: string;
  paymentForm: string | null;
  paymentMethod: string | null;
  paymentTerms: string | null;
  currency: string;
  exchangeRate: string | null;
  subtotal: string;
  total: string;
  exportCode: string | null;
  placeOfIssue: string;
  certificateNumber: string;
  seal: string;
  issuer: { rfc: string; name: string; taxRegime: string };
  receiver: { rfc: string; name: string; postalCode: string | null; taxRegime: string | null; cfdiUse: string };
  related: { relationType: string; uuids: string[] }[];
  stamp: {
    version: string;
    uuid: string;
    /** "YYYY-MM-DDTHH:MM:SS" */
    stampedAt: string;
    providerRfc: string;
    cfdSeal: string;
    satCertificateNumber: string;
    satSeal: string;
  };
  /** "Cadena original del complemento de certificación digital del SAT" (cadenaoriginal_TFD_1_1.xslt) */
  stampChain: string;
  /** The QR's content: SAT's verification URL (Anexo 20, Apéndice 2) */
  verificationUrl: string;
}

export interface UblRecord {
  standard: "ubl";
  documentType: "invoice" | "credit_note" | "debit_note";
  /** prefix + number, e.g. "FE1001" */
  id: string;
  /** the CUFE (invoices) or CUDE (notes), 96 hex digits */
  uniqueCode: string;
  /** "CUFE-SHA384" or "CUDE-SHA384" */
  uniqueCodeScheme: string;
  /** 1 production, 2 test */
  environment: string;
  profile: string | null;
  issueDate: string;
  /** "HH:MM:SS-05:00" */
  issueTime: string;
  dueDate: string | null;
  currency: string;
  /** DIAN forma de pago: 1 contado, 2 crédito */
  paymentMeans: string | null;
  /** The numbering resolution (invoices only) */
  authorization: {
    number: string;
    startDate: string;
    endDate: string;
    prefix: string;
    from: string;
    to: string;
  } | null;
  /** The invoice a note corrects (the first of billingReferences) */
  billingReference: { id: string; uniqueCode: string | null; issueDate: string | null } | null;
  /** Every invoice a note corrects, in the document's order */
  billingReferences: { id: string; uniqueCode: string | null; issueDate: string | null }[];
  discrepancy: { code: string; description: string | null } | null;
  supplier: { nit: string; checkDigit: string | null; name: string };
  customer: { nit: string; checkDigit: string | null; name: string };
  subtotal: string;
  taxTotal: string;
  total: string;
  /** The QR's content: DIAN's document search URL with the CUFE */
  qrUrl: string;
}

export type FiscalRecord = CfdiRecord | UblRecord;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) =>
    ["CfdiRelacionados", "CfdiRelacionado", "UBLExtension", "BillingReference", "DiscrepancyResponse"].includes(name),
});

type Node = Record<string, unknown>;

const child = (node: unknown, name: string): Node | undefined => {
  const value = (node as Node | undefined)?.[name];
  return value && typeof value === "object" ? (value as Node) : undefined;
};
const attr = (node: unknown, name: string): string | null => {
  const value = (node as Node | undefined)?.[`@${name}`];
  return typeof value === "string" ? value : null;
};
/** The text of a UBL basic component, whether it carries attributes or not. */
const text = (node: unknown, name: string): string | null => {
  const value = (node as Node | undefined)?.[name];
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as Node)["#text"] === "string")
    return (value as Node)["#text"] as string;
  return null;
};
const required = (value: string | null, what: string): string => {
  if (value === null || value === "") throw new Error(`fiscal XML lacks ${what}`);
  return value;
};

/**
 * Parses a stored CFDI or UBL document. Null when the XML is neither, is not XML, or lacks what a
 * printed representation needs (a CFDI without its stamp, say): the PDF then says there is no fiscal
 * document rather than failing. `readFiscalXmlStrict` tells why.
 */
export function readFiscalXml(xml: string | Uint8Array): FiscalRecord | null {
  try {
    return readFiscalXmlStrict(xml);
  } catch {
    return null;
  }
}

/** As readFiscalXml, but throws naming what is missing or malformed. */
export function readFiscalXmlStrict(xml: string | Uint8Array): FiscalRecord {
  const source = typeof xml === "string" ? xml : new TextDecoder().decode(xml);
  const doc = parser.parse(source, true) as Node;
  if (child(doc, "Comprobante")) return readCfdi(child(doc, "Comprobante")!);
  for (const root of ["Invoice", "CreditNote", "DebitNote"] as const) {
    const node = child(doc, root);
    if (node) return readUbl(node, root);
  }
  throw new Error("neither a CFDI nor a UBL document");
}

function readCfdi(c: Node): CfdiRecord {
  const issuer = child(c, "Emisor");
  const receiver = child(c, "Receptor");
  const tfd = child(child(c, "Complemento"), "TimbreFiscalDigital");
  if (!tfd) throw new Error("CFDI without TimbreFiscalDigital: not stamped");
  const related = ((c.CfdiRelacionados as Node[] | undefined) ?? []).map((group) => ({
    relationType: required(attr(group, "TipoRelacion"), "TipoRelacion"),
    uuids: ((group.CfdiRelacionado as Node[] | undefined) ?? []).map((r) => required(attr(r, "UUID"), "UUID")),
  }));
  const stamp = {
    version: required(attr(tfd, "Version"), "TimbreFiscalDigital/@Version"),
    uuid: required(attr(tfd, "UUID"), "TimbreFiscalDigital/@UUID"),
    stampedAt: required(attr(tfd, "FechaTimbrado"), "FechaTimbrado"),
    providerRfc: required(attr(tfd, "RfcProvCertif"), "RfcProvCertif"),
    cfdSeal: required(attr(tfd, "SelloCFD"), "SelloCFD"),
    satCertificateNumber: required(attr(tfd, "NoCertificadoSAT"), "NoCertificadoSAT"),
    satSeal: required(attr(tfd, "SelloSAT"), "SelloSAT"),
  };
  const legend = attr(tfd, "Leyenda");
  const seal = required(attr(c, "Sello"), "Sello");
  const issuerRfc = required(attr(issuer, "Rfc"), "Emisor/@Rfc");
  const receiverRfc = required(attr(receiver, "Rfc"), "Receptor/@Rfc");
  const total = required(attr(c, "Total"), "Total");
  return {
    standard: "cfdi",
    version: required(attr(c, "Version"), "Version"),
    series: attr(c, "Serie"),
    folio: attr(c, "Folio"),
    issuedAt: required(attr(c, "Fecha"), "Fecha"),
    voucherType: required(attr(c, "TipoDeComprobante"), "TipoDeComprobante"),
    paymentForm: attr(c, "FormaPago"),
    paymentMethod: attr(c, "MetodoPago"),
    paymentTerms: attr(c, "CondicionesDePago"),
    currency: required(attr(c, "Moneda"), "Moneda"),
    exchangeRate: attr(c, "TipoCambio"),
    subtotal: required(attr(c, "SubTotal"), "SubTotal"),
    total,
    exportCode: attr(c, "Exportacion"),
    placeOfIssue: required(attr(c, "LugarExpedicion"), "LugarExpedicion"),
    certificateNumber: required(attr(c, "NoCertificado"), "NoCertificado"),
    seal,
    issuer: {
      rfc: issuerRfc,
      name: attr(issuer, "Nombre") ?? "",
      taxRegime: required(attr(issuer, "RegimenFiscal"), "Emisor/@RegimenFiscal"),
    },
    receiver: {
      rfc: receiverRfc,
      name: attr(receiver, "Nombre") ?? "",
      postalCode: attr(receiver, "DomicilioFiscalReceptor"),
      taxRegime: attr(receiver, "RegimenFiscalReceptor"),
      cfdiUse: required(attr(receiver, "UsoCFDI"), "UsoCFDI"),
    },
    related,
    stamp,
    stampChain: `||${[
      stamp.version,
      stamp.uuid,
      stamp.stampedAt,
      stamp.providerRfc,
      legend,
      stamp.cfdSeal,
      stamp.satCertificateNumber,
    ]
      .filter((v): v is string => v !== null && v !== "")
      .join("|")}||`,
    verificationUrl: buildSatVerificationUrl({ uuid: stamp.uuid, issuerRfc, receiverRfc, total, seal }),
  };
}

function readUbl(d: Node, root: "Invoice" | "CreditNote" | "DebitNote"): UblRecord {
  const extensions = (child(d, "UBLExtensions")?.UBLExtension as Node[] | undefined) ?? [];
  const dian = extensions.map((e) => child(child(e, "ExtensionContent"), "DianExtensions")).find(Boolean);
  const control = child(dian, "InvoiceControl");
  const period = child(control, "AuthorizationPeriod");
  const range = child(control, "AuthorizedInvoices");
  const uuidNode = d.UUID;
  const uniqueCode = required(text(d, "UUID"), "cbc:UUID");
  const environment = text(d, "ProfileExecutionID") ?? attr(uuidNode, "schemeID") ?? "1";
  const party = (role: "AccountingSupplierParty" | "AccountingCustomerParty") => {
    const p = child(child(d, role), "Party");
    const scheme = child(p, "PartyTaxScheme");
    const legal = child(p, "PartyLegalEntity");
    const company = scheme?.CompanyID ?? legal?.CompanyID;
    return {
      nit: required(text(scheme, "CompanyID") ?? text(legal, "CompanyID"), `${role} CompanyID`),
      checkDigit: attr(company, "schemeID"),
      name:
        text(scheme, "RegistrationName") ??
        text(legal, "RegistrationName") ??
        text(child(p, "PartyName"), "Name") ??
        "",
    };
  };
  const totals = child(d, "LegalMonetaryTotal");
  const references = ((d.BillingReference as Node[] | undefined) ?? []).flatMap((b) => {
    const reference = child(b, "InvoiceDocumentReference");
    return reference
      ? [
          {
            id: required(text(reference, "ID"), "BillingReference ID"),
            uniqueCode: text(reference, "UUID"),
            issueDate: text(reference, "IssueDate"),
          },
        ]
      : [];
  });
  const discrepancy = ((d.DiscrepancyResponse as Node[] | undefined) ?? [])[0];
  return {
    standard: "ubl",
    documentType: root === "Invoice" ? "invoice" : root === "CreditNote" ? "credit_note" : "debit_note",
    id: required(text(d, "ID"), "cbc:ID"),
    uniqueCode,
    uniqueCodeScheme: attr(uuidNode, "schemeName") ?? (root === "Invoice" ? "CUFE-SHA384" : "CUDE-SHA384"),
    environment,
    profile: text(d, "ProfileID"),
    issueDate: required(text(d, "IssueDate"), "cbc:IssueDate"),
    issueTime: required(text(d, "IssueTime"), "cbc:IssueTime"),
    dueDate: text(d, "DueDate"),
    currency: required(text(d, "DocumentCurrencyCode"), "cbc:DocumentCurrencyCode"),
    paymentMeans: text(child(d, "PaymentMeans"), "ID"),
    authorization: control
      ? {
          number: required(text(control, "InvoiceAuthorization"), "InvoiceAuthorization"),
          startDate: required(text(period, "StartDate"), "AuthorizationPeriod/StartDate"),
          endDate: required(text(period, "EndDate"), "AuthorizationPeriod/EndDate"),
          prefix: text(range, "Prefix") ?? "",
          from: required(text(range, "From"), "AuthorizedInvoices/From"),
          to: required(text(range, "To"), "AuthorizedInvoices/To"),
        }
      : null,
    billingReference: references[0] ?? null,
    billingReferences: references,
    discrepancy: discrepancy
      ? {
          code: required(text(discrepancy, "ResponseCode"), "ResponseCode"),
          description: text(discrepancy, "Description"),
        }
      : null,
    supplier: party("AccountingSupplierParty"),
    customer: party("AccountingCustomerParty"),
    subtotal: required(text(totals, "LineExtensionAmount"), "LineExtensionAmount"),
    taxTotal: text(child(d, "TaxTotal"), "TaxAmount") ?? "0.00",
    total: required(text(totals, "PayableAmount"), "PayableAmount"),
    qrUrl: text(dian, "QRCode") ?? buildDianQrUrl(uniqueCode, environment),
  };
}
