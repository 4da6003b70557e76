// Builds a REP ("recibo electrónico de pago"): a CFDI 4.0 of type P carrying the Pagos 2.0 complement,
// as stamped by a PAC (TimbreFiscalDigital 1.1 with the same demo stamp the seed uses). The host CFDI
// follows SAT's filling guide where the XSD says nothing: SubTotal 0, Total 0, Moneda XXX, no payment
// form or method, receiver use CP01, one concept 84111506 "Pago" (ACT, ObjetoImp 01). Each related
// invoice (DoctoRelacionado) carries its instalment number and ImpSaldoAnt − ImpPagado =
// ImpSaldoInsoluto; an invoice with taxes (ObjetoImpDR 02) carries the transferred VAT in proportion to
// what this instalment pays, summed per rate into ImpuestosP and the Totales. Pure; validated against
// standards/cfdi40 by the tests.
//
// A payment in dollars (MonedaP USD) carries TipoCambioP, the pesos per dollar the collector confirmed.
// Each invoice's EquivalenciaDR is the units of its currency per unit of the payment's: 1 for a dollar
// invoice, the exchange rate for a peso invoice paid in dollars. What each instalment pays (ImpPagado,
// ImpSaldoAnt, the DR taxes) is in the invoice's currency; Monto and the ImpuestosP are in the payment's
// (each invoice's figures ÷ EquivalenciaDR); the Totales are in pesos (× TipoCambioP). Every figure is a
// decimal rounded half-up once, at its own precision: 2 places for amounts.
import Decimal from "decimal.js";
import { buildPlaceholderBase64, toCfdiName } from "~/domain/fiscal/build-cfdi-xml";
import { escapeXml, type FiscalParty } from "~/domain/fiscal/fiscal-types";

export interface RepInvoiceInput {
  /** The invoice's CFDI UUID. */
  uuid: string;
  series: string;
  folio: string;
  currency: "MXN" | "USD";
  /** Units of the invoice's currency per unit of the payment's (EquivalenciaDR); 1 when they are the same. */
  equivalence?: string;
  instalment: number;
  balanceBefore: string;
  paid: string;
  /** The invoice's total and its tax base per VAT rate (from its lines), for the proportional taxes. */
  invoiceTotal: string;
  taxBases: { rate: string; base: string }[];
}

export interface RepInput {
  series: string;
  folio: string;
  /** Local date-time of issue in the seller's time zone, "YYYY-MM-DDTHH:MM:SS". */
  issuedAt: string;
  issuer: FiscalParty;
  receiver: FiscalParty;
  /** The day the money was received ("YYYY-MM-DD"); written as noon of that day. */
  paidOn: string;
  /** SAT FormaPago of the payment (03 transfer, 02 cheque, 01 cash deposit…). */
  paymentForm: string;
  currency: "MXN" | "USD";
  /** Pesos per unit of the payment's currency (TipoCambioP); required for a payment not in pesos. */
  exchangeRate?: string;
  /**
   * The payment's amount applied to these invoices, in its currency (Monto). When omitted, Σ ImpPagado ÷
   * EquivalenciaDR rounded up to the cent (SAT asks Monto ≥ that sum).
   */
  amount?: string;
  /** Bank operation reference (SPEI tracking key, cheque number). */
  operationNumber?: string;
  invoices: RepInvoiceInput[];
  stamp: { uuid: string; stampedAt: string };
}

export interface RepTaxLine {
  rate: string;
  base: string;
  tax: string;
}

export interface RepInvoiceFigures {
  balanceAfter: string;
  objectOfTax: "01" | "02";
  taxes: RepTaxLine[];
}

const CFDI_NS = "http://www.sat.gob.mx/cfd/4";
const PAGOS_NS = "http://www.sat.gob.mx/Pagos20";
const TFD_NS = "http://www.sat.gob.mx/TimbreFiscalDigital";
const SCHEMA_LOCATION =
  "http://www.sat.gob.mx/cfd/4 http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd " +
  "http://www.sat.gob.mx/Pagos20 http://www.sat.gob.mx/sitio_internet/cfd/Pagos/Pagos20.xsd";
const TFD_SCHEMA_LOCATION =
  "http://www.sat.gob.mx/TimbreFiscalDigital http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd";

const money = (d: Decimal.Value) => new Decimal(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const rate6 = (rate: string) => new Decimal(rate).toFixed(6);

function attrs(pairs: [string, string | undefined | null][]) {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== null && p[1] !== "")
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");
}

/**
 * An instalment's figures: the balance after it (before − paid; refused below zero) and, when the
 * invoice bears VAT, the base and tax of each rate in the proportion paid / invoice total.
 */
export function repInvoiceFigures(invoice: RepInvoiceInput): RepInvoiceFigures {
  if (!Number.isInteger(invoice.instalment) || invoice.instalment < 1) throw new Error("REP: instalment must be ≥ 1");
  const paid = new Decimal(invoice.paid);
  const before = new Decimal(invoice.balanceBefore);
  if (paid.lte(0)) throw new Error("REP: paid must be positive");
  const after = before.minus(paid);
  if (after.lt(0)) throw new Error("REP: paid above the balance");
  const share = paid.div(invoice.invoiceTotal);
  const taxes = invoice.taxBases
    .filter((t) => new Decimal(t.base).gt(0))
    .map((t) => {
      const base = money(new Decimal(t.base).times(share));
      return { rate: t.rate, base, tax: money(new Decimal(base).times(t.rate)) };
    });
  return { balanceAfter: money(after), objectOfTax: taxes.length > 0 ? "02" : "01", taxes };
}

/** Totales' attribute names per VAT rate. */
const TOTAL_ATTRIBUTES: Record<string, [string, string]> = {
  "0.160000": ["TotalTrasladosBaseIVA16", "TotalTrasladosImpuestoIVA16"],
  "0.080000": ["TotalTrasladosBaseIVA8", "TotalTrasladosImpuestoIVA8"],
  "0.000000": ["TotalTrasladosBaseIVA0", "TotalTrasladosImpuestoIVA0"],
};

/** EquivalenciaDR of an invoice, as written (no trailing zeros, up to 10 places). */
function equivalenceOf(invoice: RepInvoiceInput, paymentCurrency: string): Decimal {
  if (invoice.currency === paymentCurrency) {
    if (invoice.equivalence !== undefined && !new Decimal(invoice.equivalence).eq(1))
      throw new Error("REP: an invoice in the payment's currency has EquivalenciaDR 1");
    return new Decimal(1);
  }
  if (invoice.equivalence === undefined) throw new Error("REP: an invoice in another currency needs EquivalenciaDR");
  const e = new Decimal(invoice.equivalence);
  if (e.lte(0) || e.decimalPlaces() > 10) throw new Error("REP: EquivalenciaDR must be positive, at most 10 places");
  return e;
}

/** The payment-level figures: Monto, the ImpuestosP per rate (payment currency) and the Totales (pesos). */
export function repPaymentFigures(input: RepInput) {
  const figures = input.invoices.map(repInvoiceFigures);
  const equivalences = input.invoices.map((i) => equivalenceOf(i, input.currency));
  const rate = input.currency === "MXN" ? new Decimal(1) : new Decimal(input.exchangeRate ?? "0");
  if (rate.lte(0) || rate.decimalPlaces() > 6) throw new Error("REP: TipoCambioP must be positive, at most 6 places");
  const inPayment = input.invoices.reduce(
    (s, inv, i) => s.plus(new Decimal(inv.paid).div(equivalences[i])),
    new Decimal(0),
  );
  const amount =
    input.amount !== undefined ? new Decimal(input.amount) : inPayment.toDecimalPlaces(2, Decimal.ROUND_UP);
  if (amount.lt(inPayment)) throw new Error("REP: Monto below what the invoices were paid");
  const byRate = new Map<string, { base: Decimal; tax: Decimal }>();
  figures.forEach((f, i) => {
    for (const t of f.taxes) {
      const key = rate6(t.rate);
      const current = byRate.get(key) ?? { base: new Decimal(0), tax: new Decimal(0) };
      byRate.set(key, {
        base: current.base.plus(new Decimal(t.base).div(equivalences[i])),
        tax: current.tax.plus(new Decimal(t.tax).div(equivalences[i])),
      });
    }
  });
  const taxes = [...byRate].map(([r, v]) => ({ rate: r, base: money(v.base), tax: money(v.tax) }));
  return {
    figures,
    equivalences,
    exchangeRate: rate,
    amount: money(amount),
    taxes,
    totals: {
      amount: money(amount.times(rate)),
      taxes: taxes.map((t) => ({
        rate: t.rate,
        base: money(new Decimal(t.base).times(rate)),
        tax: money(new Decimal(t.tax).times(rate)),
      })),
    },
  };
}

export function buildRepXml(input: RepInput): string {
  if (input.invoices.length === 0) throw new Error("REP: no invoices");
  const payment = repPaymentFigures(input);
  const { figures } = payment;
  const seal = buildPlaceholderBase64(`sello:${input.stamp.uuid}`, 256);
  const certificateNumber = "30001000000500003416";
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(
    `<cfdi:Comprobante xmlns:cfdi="${CFDI_NS}" xmlns:pago20="${PAGOS_NS}" xmlns:tfd="${TFD_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
      ` xsi:schemaLocation="${SCHEMA_LOCATION}"` +
      attrs([
        ["Version", "4.0"],
        ["Serie", input.series],
        ["Folio", input.folio],
        ["Fecha", input.issuedAt],
        ["Sello", seal],
        ["NoCertificado", certificateNumber],
        ["Certificado", buildPlaceholderBase64(`cert:${certificateNumber}`, 1200)],
        ["SubTotal", "0"],
        ["Moneda", "XXX"],
        ["Total", "0"],
        ["TipoDeComprobante", "P"],
        ["Exportacion", "01"],
        ["LugarExpedicion", input.issuer.postalCode],
      ]) +
      `>`,
  );
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
      ["UsoCFDI", "CP01"],
    ])}/>`,
  );
  out.push(
    `<cfdi:Conceptos><cfdi:Concepto ClaveProdServ="84111506" Cantidad="1" ClaveUnidad="ACT" Descripcion="Pago" ValorUnitario="0" Importe="0" ObjetoImp="01"/></cfdi:Conceptos>`,
  );
  out.push(`<cfdi:Complemento>`);
  out.push(`<pago20:Pagos Version="2.0">`);
  const totals: [string, string][] = [];
  for (const t of payment.totals.taxes) {
    const names = TOTAL_ATTRIBUTES[t.rate];
    if (names) totals.push([names[0], t.base], [names[1], t.tax]);
  }
  out.push(`<pago20:Totales${attrs([...totals, ["MontoTotalPagos", payment.totals.amount]])}/>`);
  out.push(
    `<pago20:Pago${attrs([
      ["FechaPago", `${input.paidOn}T12:00:00`],
      ["FormaDePagoP", input.paymentForm],
      ["MonedaP", input.currency],
      ["TipoCambioP", input.currency === "MXN" ? "1" : payment.exchangeRate.toFixed()],
      ["Monto", payment.amount],
      ["NumOperacion", input.operationNumber?.replace(/\|/g, "").slice(0, 100)],
    ])}>`,
  );
  input.invoices.forEach((invoice, i) => {
    const f = figures[i];
    out.push(
      `<pago20:DoctoRelacionado${attrs([
        ["IdDocumento", invoice.uuid.toUpperCase()],
        ["Serie", invoice.series.slice(0, 25)],
        ["Folio", invoice.folio.slice(0, 40)],
        ["MonedaDR", invoice.currency],
        ["EquivalenciaDR", payment.equivalences[i].toFixed()],
        ["NumParcialidad", String(invoice.instalment)],
        ["ImpSaldoAnt", money(invoice.balanceBefore)],
        ["ImpPagado", money(invoice.paid)],
        ["ImpSaldoInsoluto", f.balanceAfter],
        ["ObjetoImpDR", f.objectOfTax],
      ])}${f.objectOfTax === "02" ? ">" : "/>"}`,
    );
    if (f.objectOfTax === "02") {
      out.push(`<pago20:ImpuestosDR><pago20:TrasladosDR>`);
      for (const t of f.taxes)
        out.push(
          `<pago20:TrasladoDR${attrs([
            ["BaseDR", t.base],
            ["ImpuestoDR", "002"],
            ["TipoFactorDR", "Tasa"],
            ["TasaOCuotaDR", rate6(t.rate)],
            ["ImporteDR", t.tax],
          ])}/>`,
        );
      out.push(`</pago20:TrasladosDR></pago20:ImpuestosDR></pago20:DoctoRelacionado>`);
    }
  });
  if (payment.taxes.length > 0) {
    out.push(`<pago20:ImpuestosP><pago20:TrasladosP>`);
    for (const t of payment.taxes)
      out.push(
        `<pago20:TrasladoP${attrs([
          ["BaseP", t.base],
          ["ImpuestoP", "002"],
          ["TipoFactorP", "Tasa"],
          ["TasaOCuotaP", t.rate],
          ["ImporteP", t.tax],
        ])}/>`,
      );
    out.push(`</pago20:TrasladosP></pago20:ImpuestosP>`);
  }
  out.push(`</pago20:Pago>`);
  out.push(`</pago20:Pagos>`);
  out.push(
    `<tfd:TimbreFiscalDigital xsi:schemaLocation="${TFD_SCHEMA_LOCATION}"` +
      attrs([
        ["Version", "1.1"],
        ["UUID", input.stamp.uuid.toUpperCase()],
        ["FechaTimbrado", input.stamp.stampedAt],
        ["RfcProvCertif", "SAT970701NN3"],
        ["SelloCFD", seal],
        ["NoCertificadoSAT", "00001000000509846663"],
        ["SelloSAT", buildPlaceholderBase64(`sat:${input.stamp.uuid}`, 256)],
      ]) +
      `/>`,
  );
  out.push(`</cfdi:Complemento>`);
  out.push(`</cfdi:Comprobante>`);
  return out.join("\n");
}
