// Builds a Colombian DIAN electronic invoice (or credit note) in UBL 2.1 shape, carrying its CUFE
// (CUDE for notes): SHA-384 over the concatenated fields named in DIAN's Anexo Técnico 1.8 §11.
// Shaped like DIAN's documents (namespaces, DIAN extension, parties, taxes, totals, lines); it is not
// signed (no XAdES) — this portal shows and serves fiscal documents, it does not issue them.
import { createHash } from "node:crypto";
import { dec } from "~/utils/money";
import {
  computeFiscalTotals,
  escapeXml,
  type FiscalLineInput,
  type FiscalParty,
  type FiscalTotals,
  formatQuantity,
} from "./fiscal-types";
import { buildDianQrUrl } from "./verification-urls";

export interface UblInput {
  kind: "invoice" | "credit_note";
  /** DIAN prefix (authorised numbering range) and number; the document ID is prefix + number */
  prefix: string;
  number: string;
  issueDate: string;
  /** local time with offset, "HH:MM:SS-05:00" */
  issueTime: string;
  dueDate?: string;
  currency: "COP" | "USD";
  /** NIT with check digit, "900123456-7" */
  supplier: FiscalParty;
  customer: FiscalParty;
  lines: FiscalLineInput[];
  /** computeFiscalTotals(lines), when the caller already has it (bulk generation) */
  totals?: FiscalTotals;
  /** 1 production (the default), 2 test (habilitación) */
  environment?: "1" | "2";
  /** Clave técnica of the numbering range (invoices) or the software PIN (notes) */
  technicalKey?: string;
  /** credit notes: the invoices they correct, one BillingReference (and DiscrepancyResponse) each */
  billingReferences?: readonly { id: string; cufe: string; issueDate: string }[];
  /** DIAN credit-note concept: 1 partial return, 2 cancellation, 3 discount/rebate, 4 price correction */
  creditNoteConcept?: "1" | "2" | "3" | "4" | "5";
  note?: string;
  /** 1 cash (contado), 2 credit */
  paymentMeansCode?: "1" | "2";
}

/** NIT without its check digit ("900123456-7" → "900123456"). */
export function nitNumber(taxId: string): string {
  return taxId.split("-")[0].replace(/\D/g, "");
}

/** DIAN check digit of a NIT (modulo 11 with DIAN's prime weights). */
export function computeNitCheckDigit(nit: string): string {
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  const digits = nit.replace(/\D/g, "").split("").reverse();
  let sum = 0;
  digits.forEach((d, i) => (sum += Number(d) * weights[i]));
  const r = sum % 11;
  return String(r > 1 ? 11 - r : r);
}

export interface CufeFields {
  number: string;
  issueDate: string;
  issueTime: string;
  subtotal: string;
  iva: string;
  inc: string;
  ica: string;
  total: string;
  supplierNit: string;
  customerId: string;
  technicalKey: string;
  environment: string;
}

/** CUFE/CUDE: SHA-384 (hex) of NumFac+FecFac+HorFac+ValFac+01+ValImp1+04+ValImp2+03+ValImp3+ValTot+NitOFE+NumAdq+ClTec+TipoAmbiente. */
export function computeCufe(f: CufeFields): string {
  const fixed = (v: string) => dec(v).toFixed(2);
  const source =
    f.number +
    f.issueDate +
    f.issueTime +
    fixed(f.subtotal) +
    "01" +
    fixed(f.iva) +
    "04" +
    fixed(f.inc) +
    "03" +
    fixed(f.ica) +
    fixed(f.total) +
    f.supplierNit +
    f.customerId +
    f.technicalKey +
    f.environment;
  return createHash("sha384").update(source, "utf8").digest("hex");
}

const DEFAULT_TECHNICAL_KEY = "fc8eac422eba16e22ffd8c6f94b3f40a6e38162c";

export function buildUblXml(input: UblInput): { xml: string; cufe: string } {
  const totals = input.totals ?? computeFiscalTotals(input.lines);
  const id = `${input.prefix}${input.number}`;
  const environment = input.environment ?? "1";
  const isCredit = input.kind === "credit_note";
  const cufe = computeCufe({
    number: id,
    issueDate: input.issueDate,
    issueTime: input.issueTime,
    subtotal: totals.subtotal,
    iva: totals.taxTotal,
    inc: "0",
    ica: "0",
    total: totals.total,
    supplierNit: nitNumber(input.supplier.taxId),
    customerId: nitNumber(input.customer.taxId),
    technicalKey: input.technicalKey ?? DEFAULT_TECHNICAL_KEY,
    environment,
  });
  const cur = escapeXml(input.currency);
  const amount = (tag: string, value: string) => `<cbc:${tag} currencyID="${cur}">${value}</cbc:${tag}>`;
  const party = (p: FiscalParty, role: "supplier" | "customer") => {
    const nit = nitNumber(p.taxId);
    const dv = computeNitCheckDigit(nit);
    const name = escapeXml(p.legalName);
    return [
      `<cbc:AdditionalAccountID>1</cbc:AdditionalAccountID>`,
      `<cac:Party>`,
      `<cac:PartyName><cbc:Name>${name}</cbc:Name></cac:PartyName>`,
      `<cac:PhysicalLocation><cac:Address><cbc:PostalZone>${escapeXml(p.postalCode)}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>CO</cbc:IdentificationCode></cac:Country></cac:Address></cac:PhysicalLocation>`,
      `<cac:PartyTaxScheme>`,
      `<cbc:RegistrationName>${name}</cbc:RegistrationName>`,
      `<cbc:CompanyID schemeAgencyID="195" schemeAgencyName="CO, DIAN (Dirección de Impuestos y Aduanas Nacionales)" schemeID="${dv}" schemeName="31">${nit}</cbc:CompanyID>`,
      `<cbc:TaxLevelCode listName="${role === "supplier" ? "48" : "49"}">${escapeXml(p.taxRegime)}</cbc:TaxLevelCode>`,
      `<cac:TaxScheme><cbc:ID>01</cbc:ID><cbc:Name>IVA</cbc:Name></cac:TaxScheme>`,
      `</cac:PartyTaxScheme>`,
      `<cac:PartyLegalEntity><cbc:RegistrationName>${name}</cbc:RegistrationName><cbc:CompanyID schemeAgencyID="195" schemeID="${dv}" schemeName="31">${nit}</cbc:CompanyID></cac:PartyLegalEntity>`,
      `</cac:Party>`,
    ].join("\n");
  };
  const taxSubtotals = totals.taxByRate
    .map(
      (t) =>
        `<cac:TaxSubtotal>${amount("TaxableAmount", t.base)}${amount("TaxAmount", t.tax)}<cac:TaxCategory><cbc:Percent>${dec(t.rate).times(100).toFixed(2)}</cbc:Percent><cac:TaxScheme><cbc:ID>01</cbc:ID><cbc:Name>IVA</cbc:Name></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>`,
    )
    .join("\n");
  const root = isCredit ? "CreditNote" : "Invoice";
  const lineTag = isCredit ? "CreditNoteLine" : "InvoiceLine";
  const quantityTag = isCredit ? "CreditedQuantity" : "InvoicedQuantity";

  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>`);
  out.push(
    `<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2"` +
      ` xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"` +
      ` xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"` +
      ` xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"` +
      ` xmlns:sts="dian:gov:co:facturaelectronica:Structures-2-1">`,
  );
  out.push(
    `<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><sts:DianExtensions>` +
      (isCredit
        ? ""
        : `<sts:InvoiceControl><sts:InvoiceAuthorization>18760000001</sts:InvoiceAuthorization><sts:AuthorizationPeriod><cbc:StartDate>2019-01-19</cbc:StartDate><cbc:EndDate>2030-01-19</cbc:EndDate></sts:AuthorizationPeriod><sts:AuthorizedInvoices><sts:Prefix>${escapeXml(input.prefix)}</sts:Prefix><sts:From>1</sts:From><sts:To>5000000</sts:To></sts:AuthorizedInvoices></sts:InvoiceControl>`) +
      `<sts:InvoiceSource><cbc:IdentificationCode listAgencyID="6" listAgencyName="United Nations Economic Commission for Europe" listSchemeURI="urn:oasis:names:specification:ubl:codelist:gc:CountryIdentificationCode-2.1">CO</cbc:IdentificationCode></sts:InvoiceSource>` +
      `<sts:SoftwareProvider><sts:ProviderID schemeAgencyID="195" schemeID="${computeNitCheckDigit(nitNumber(input.supplier.taxId))}" schemeName="31">${nitNumber(input.supplier.taxId)}</sts:ProviderID><sts:SoftwareID schemeAgencyID="195">56f2ae4e-9812-4fad-9255-08fcfcd5ccb0</sts:SoftwareID></sts:SoftwareProvider>` +
      `<sts:QRCode>${escapeXml(buildDianQrUrl(cufe, environment))}</sts:QRCode>` +
      `</sts:DianExtensions></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>`,
  );
  out.push(`<cbc:UBLVersionID>UBL 2.1</cbc:UBLVersionID>`);
  out.push(`<cbc:CustomizationID>${isCredit ? "20" : "10"}</cbc:CustomizationID>`);
  out.push(
    `<cbc:ProfileID>${isCredit ? "DIAN 2.1: Nota Crédito de Factura Electrónica de Venta" : "DIAN 2.1: Factura Electrónica de Venta"}</cbc:ProfileID>`,
  );
  out.push(`<cbc:ProfileExecutionID>${environment}</cbc:ProfileExecutionID>`);
  out.push(`<cbc:ID>${escapeXml(id)}</cbc:ID>`);
  out.push(
    `<cbc:UUID schemeID="${environment}" schemeName="${isCredit ? "CUDE-SHA384" : "CUFE-SHA384"}">${cufe}</cbc:UUID>`,
  );
  out.push(`<cbc:IssueDate>${input.issueDate}</cbc:IssueDate>`);
  out.push(`<cbc:IssueTime>${input.issueTime}</cbc:IssueTime>`);
  if (!isCredit && input.dueDate) out.push(`<cbc:DueDate>${input.dueDate}</cbc:DueDate>`);
  out.push(
    isCredit ? `<cbc:CreditNoteTypeCode>91</cbc:CreditNoteTypeCode>` : `<cbc:InvoiceTypeCode>01</cbc:InvoiceTypeCode>`,
  );
  if (input.note) out.push(`<cbc:Note>${escapeXml(input.note)}</cbc:Note>`);
  out.push(`<cbc:DocumentCurrencyCode>${cur}</cbc:DocumentCurrencyCode>`);
  out.push(`<cbc:LineCountNumeric>${totals.lines.length}</cbc:LineCountNumeric>`);
  if (isCredit) {
    const references = input.billingReferences ?? [];
    // UBL allows several of each (DiscrepancyResponse, then BillingReference): a note that corrects
    // several invoices names every one. Without a reference, one DiscrepancyResponse with an empty ID.
    const discrepancyIds = references.length > 0 ? references.map((r) => r.id) : [""];
    for (const id of discrepancyIds)
      out.push(
        `<cac:DiscrepancyResponse><cbc:ReferenceID>${escapeXml(id)}</cbc:ReferenceID><cbc:ResponseCode>${input.creditNoteConcept ?? "1"}</cbc:ResponseCode><cbc:Description>${escapeXml(input.note ?? "Nota crédito")}</cbc:Description></cac:DiscrepancyResponse>`,
      );
    for (const reference of references)
      out.push(
        `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${escapeXml(reference.id)}</cbc:ID><cbc:UUID schemeName="CUFE-SHA384">${escapeXml(reference.cufe)}</cbc:UUID><cbc:IssueDate>${reference.issueDate}</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>`,
      );
  }
  out.push(`<cac:AccountingSupplierParty>${party(input.supplier, "supplier")}</cac:AccountingSupplierParty>`);
  out.push(`<cac:AccountingCustomerParty>${party(input.customer, "customer")}</cac:AccountingCustomerParty>`);
  const means = input.paymentMeansCode ?? (isCredit ? "1" : "2");
  out.push(
    `<cac:PaymentMeans><cbc:ID>${means}</cbc:ID><cbc:PaymentMeansCode>${means === "2" ? "ZZZ" : "10"}</cbc:PaymentMeansCode>${input.dueDate && !isCredit ? `<cbc:PaymentDueDate>${input.dueDate}</cbc:PaymentDueDate>` : ""}</cac:PaymentMeans>`,
  );
  out.push(`<cac:TaxTotal>${amount("TaxAmount", totals.taxTotal)}\n${taxSubtotals}</cac:TaxTotal>`);
  out.push(
    `<cac:LegalMonetaryTotal>${amount("LineExtensionAmount", totals.subtotal)}${amount("TaxExclusiveAmount", totals.subtotal)}${amount("TaxInclusiveAmount", totals.total)}${amount("PayableAmount", totals.total)}</cac:LegalMonetaryTotal>`,
  );
  totals.lines.forEach((l, i) => {
    out.push(
      `<cac:${lineTag}><cbc:ID>${i + 1}</cbc:ID><cbc:${quantityTag} unitCode="${escapeXml(l.unitCode)}">${formatQuantity(l.quantity)}</cbc:${quantityTag}>${amount("LineExtensionAmount", l.subtotal)}` +
        `<cac:TaxTotal>${amount("TaxAmount", l.tax)}<cac:TaxSubtotal>${amount("TaxableAmount", l.subtotal)}${amount("TaxAmount", l.tax)}<cac:TaxCategory><cbc:Percent>${dec(l.taxRate).times(100).toFixed(2)}</cbc:Percent><cac:TaxScheme><cbc:ID>01</cbc:ID><cbc:Name>IVA</cbc:Name></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>` +
        `<cac:Item><cbc:Description>${escapeXml(l.description)}</cbc:Description><cac:SellersItemIdentification><cbc:ID>${escapeXml(l.sku)}</cbc:ID></cac:SellersItemIdentification><cac:StandardItemIdentification><cbc:ID schemeID="001" schemeName="UNSPSC">${escapeXml(l.productCode)}</cbc:ID></cac:StandardItemIdentification></cac:Item>` +
        `<cac:Price>${amount("PriceAmount", l.unitPrice)}<cbc:BaseQuantity unitCode="${escapeXml(l.unitCode)}">1</cbc:BaseQuantity></cac:Price></cac:${lineTag}>`,
    );
  });
  out.push(`</${root}>`);
  return { xml: out.join("\n"), cufe };
}
