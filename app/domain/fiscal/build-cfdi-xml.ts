// Builds the XML of a Mexican CFDI 4.0 (Anexo 20) as stamped by a PAC: the voucher plus the
// TimbreFiscalDigital 1.1 complement that carries the UUID (folio fiscal). Invoices are type I;
// credit notes are type E and name the invoices they credit in CfdiRelacionados (TipoRelacion 01).
// Pure: no I/O. The seals and certificates are placeholders of the right shape; this is a demo
// portal, not a PAC. Validated against SAT's schemas in standards/cfdi40 by the tests.
import { dec } from "~/utils/money";
import {
  computeFiscalTotals,
  escapeXml,
  type FiscalLineInput,
  type FiscalParty,
  type FiscalTotals,
  formatQuantity,
} from "./fiscal-types";

export interface CfdiStamp {
  uuid: string;
  /** local date-time of stamping, "YYYY-MM-DDTHH:MM:SS" */
  stampedAt: string;
  /** PAC's RFC (a legal entity); SAT's own when it stamps */
  providerRfc?: string;
  certificateNumber?: string;
  satCertificateNumber?: string;
}

export interface CfdiInput {
  kind: "invoice" | "credit_note";
  series: string;
  folio: string;
  /** local date-time of issue in the seller's time zone, "YYYY-MM-DDTHH:MM:SS" */
  issuedAt: string;
  currency: "MXN" | "USD";
  /** USD documents need it; MXN ones must not carry a rate other than 1 */
  exchangeRate?: string;
  /** SAT MetodoPago; credit notes are PUE */
  paymentMethod?: "PUE" | "PPD";
  /** SAT FormaPago: 99 when PPD, the actual form when PUE */
  paymentForm?: string;
  paymentTerms?: string;
  /** SAT UsoCFDI of the receiver; defaults: G01 for invoices, G02 for credit notes */
  cfdiUse?: string;
  issuer: FiscalParty;
  receiver: FiscalParty;
  lines: FiscalLineInput[];
  /** computeFiscalTotals(lines), when the caller already has it (bulk generation) */
  totals?: FiscalTotals;
  /** UUIDs of the CFDIs this one relates to (the credited invoices for a credit note) */
  related?: { relationType: string; uuids: string[] };
  stamp: CfdiStamp;
}

const CFDI_NS = "http://www.sat.gob.mx/cfd/4";
const TFD_NS = "http://www.sat.gob.mx/TimbreFiscalDigital";
const SCHEMA_LOCATION = "http://www.sat.gob.mx/cfd/4 http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd";
const TFD_SCHEMA_LOCATION =
  "http://www.sat.gob.mx/TimbreFiscalDigital http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd";

/** CFDI 4.0 wants the receiver's name as on its tax certificate, without the capital regime ("S.A. de C.V."). */
export function toCfdiName(legalName: string): string {
  return legalName
    .replace(/,?\s+(S\.A\.P\.I\.|S\.A\.B\.|S\.A\.|S\. de R\.L\.|S\.C\.|S\.A\.S\.)(\s+de\s+C\.V\.)?\s*$/i, "")
    .trim()
    .toUpperCase();
}

/**
 * Deterministic base64 filler of a given byte length, seeded by a string: shaped like an RSA
 * signature or DER certificate, obviously not one.
 */
export function buildPlaceholderBase64(seed: string, bytes: number): string {
  let state = 2166136261;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 16777619) >>> 0;
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  let binary = "";
  for (const b of out) binary += String.fromCharCode(b);
  return btoa(binary);
}

const attrs = (pairs: [string, string | undefined | null][]) =>
  pairs
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== null && p[1] !== "")
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");

/** Six decimals, as SAT's catalogue writes TasaOCuota. */
const rate6 = (rate: string) => dec(rate).toFixed(6);

export function buildCfdiXml(input: CfdiInput): string {
  const totals = input.totals ?? computeFiscalTotals(input.lines);
  const isCredit = input.kind === "credit_note";
  const certificateNumber = input.stamp.certificateNumber ?? "30001000000500003416";
  const seal = buildPlaceholderBase64(`sello:${input.stamp.uuid}`, 256);
  const certificate = buildPlaceholderBase64(`cert:${certificateNumber}`, 1200);

  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(
    `<cfdi:Comprobante xmlns:cfdi="${CFDI_NS}" xmlns:tfd="${TFD_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
      ` xsi:schemaLocation="${SCHEMA_LOCATION}"` +
      attrs([
        ["Version", "4.0"],
        ["Serie", input.series],
        ["Folio", input.folio],
        ["Fecha", input.issuedAt],
        ["Sello", seal],
        ["FormaPago", input.paymentForm ?? (isCredit ? "15" : "99")],
        ["NoCertificado", certificateNumber],
        ["Certificado", certificate],
        ["CondicionesDePago", input.paymentTerms],
        ["SubTotal", totals.subtotal],
        ["Moneda", input.currency],
        ["TipoCambio", input.currency === "MXN" ? undefined : (input.exchangeRate ?? "1")],
        ["Total", totals.total],
        ["TipoDeComprobante", isCredit ? "E" : "I"],
        ["Exportacion", "01"],
        ["MetodoPago", input.paymentMethod ?? (isCredit ? "PUE" : "PPD")],
        ["LugarExpedicion", input.issuer.postalCode],
      ]) +
      `>`,
  );
  if (input.related && input.related.uuids.length > 0) {
    out.push(`<cfdi:CfdiRelacionados TipoRelacion="${escapeXml(input.related.relationType)}">`);
    for (const uuid of input.related.uuids) out.push(`<cfdi:CfdiRelacionado UUID="${escapeXml(uuid)}"/>`);
    out.push(`</cfdi:CfdiRelacionados>`);
  }
  out.push(
    `<cfdi:Emisor${attrs([
      ["Rfc", input.issuer.taxId],
      ["Nombre", toCfdiName(input.issuer.legalName)],
      ["RegimenFiscal", input.issuer.taxRegime],
    ])}/>`,
  );
  out.push(
    `<cfdi:Receptor${attrs([
      ["Rfc", input.receiver.taxId],
      ["Nombre", toCfdiName(input.receiver.legalName)],
      ["DomicilioFiscalReceptor", input.receiver.postalCode],
      ["RegimenFiscalReceptor", input.receiver.taxRegime],
      ["UsoCFDI", input.cfdiUse ?? (isCredit ? "G02" : "G01")],
    ])}/>`,
  );
  out.push(`<cfdi:Conceptos>`);
  for (const line of totals.lines) {
    out.push(
      `<cfdi:Concepto${attrs([
        ["ClaveProdServ", line.productCode],
        ["NoIdentificacion", line.sku],
        ["Cantidad", formatQuantity(line.quantity)],
        ["ClaveUnidad", line.unitCode],
        ["Unidad", line.unit],
        ["Descripcion", line.description],
        ["ValorUnitario", line.unitPrice],
        ["Importe", line.subtotal],
        ["ObjetoImp", "02"],
      ])}>`,
    );
    out.push(
      `<cfdi:Impuestos><cfdi:Traslados><cfdi:Traslado${attrs([
        ["Base", line.subtotal],
        ["Impuesto", "002"],
        ["TipoFactor", "Tasa"],
        ["TasaOCuota", rate6(line.taxRate)],
        ["Importe", line.tax],
      ])}/></cfdi:Traslados></cfdi:Impuestos>`,
    );
    out.push(`</cfdi:Concepto>`);
  }
  out.push(`</cfdi:Conceptos>`);
  out.push(`<cfdi:Impuestos TotalImpuestosTrasladados="${totals.taxTotal}"><cfdi:Traslados>`);
  for (const t of totals.taxByRate) {
    out.push(
      `<cfdi:Traslado${attrs([
        ["Base", t.base],
        ["Impuesto", "002"],
        ["TipoFactor", "Tasa"],
        ["TasaOCuota", rate6(t.rate)],
        ["Importe", t.tax],
      ])}/>`,
    );
  }
  out.push(`</cfdi:Traslados></cfdi:Impuestos>`);
  out.push(`<cfdi:Complemento>`);
  out.push(
    `<tfd:TimbreFiscalDigital xsi:schemaLocation="${TFD_SCHEMA_LOCATION}"` +
      attrs([
        ["Version", "1.1"],
        ["UUID", input.stamp.uuid.toUpperCase()],
        ["FechaTimbrado", input.stamp.stampedAt],
        ["RfcProvCertif", input.stamp.providerRfc ?? "SAT970701NN3"],
        ["SelloCFD", seal],
        ["NoCertificadoSAT", input.stamp.satCertificateNumber ?? "00001000000509846663"],
        ["SelloSAT", buildPlaceholderBase64(`sat:${input.stamp.uuid}`, 256)],
      ]) +
      `/>`,
  );
  out.push(`</cfdi:Complemento>`);
  out.push(`</cfdi:Comprobante>`);
  return out.join("\n");
}
