// Descriptions of the fiscal codes a printed representation shows next to each code: SAT's CFDI 4.0
// catalogues (c_FormaPago, c_MetodoPago, c_UsoCFDI, c_RegimenFiscal, c_TipoDeComprobante,
// c_TipoRelacion, c_Exportacion, c_Moneda) with their official Spanish text, and the DIAN codes our
// Colombian documents carry. English glosses where a reader of the English PDF needs one; otherwise
// the official Spanish text is printed. The codes are those enumerated in standards/cfdi40/catCFDI.xsd.

type Described = { es: string; en?: string };
type Catalog = Record<string, Described>;

export const PAYMENT_FORMS: Catalog = {
  "01": { es: "Efectivo", en: "Cash" },
  "02": { es: "Cheque nominativo", en: "Cheque" },
  "03": { es: "Transferencia electrónica de fondos", en: "Wire transfer" },
  "04": { es: "Tarjeta de crédito", en: "Credit card" },
  "05": { es: "Monedero electrónico", en: "Electronic purse" },
  "06": { es: "Dinero electrónico", en: "Electronic money" },
  "08": { es: "Vales de despensa", en: "Grocery vouchers" },
  "12": { es: "Dación en pago", en: "Payment in kind" },
  "13": { es: "Pago por subrogación", en: "Payment by subrogation" },
  "14": { es: "Pago por consignación", en: "Payment by consignment" },
  "15": { es: "Condonación", en: "Debt forgiveness" },
  "17": { es: "Compensación", en: "Set-off" },
  "23": { es: "Novación", en: "Novation" },
  "24": { es: "Confusión", en: "Merger of rights" },
  "25": { es: "Remisión de deuda", en: "Debt remission" },
  "26": { es: "Prescripción o caducidad", en: "Prescription or expiry" },
  "27": { es: "A satisfacción del acreedor", en: "To the creditor's satisfaction" },
  "28": { es: "Tarjeta de débito", en: "Debit card" },
  "29": { es: "Tarjeta de servicios", en: "Service card" },
  "30": { es: "Aplicación de anticipos", en: "Application of advances" },
  "31": { es: "Intermediario pagos", en: "Payment intermediary" },
  "99": { es: "Por definir", en: "To be defined" },
};

export const PAYMENT_METHODS: Catalog = {
  PUE: { es: "Pago en una sola exhibición", en: "Paid in one payment" },
  PPD: { es: "Pago en parcialidades o diferido", en: "Paid in instalments or later" },
};

export const CFDI_USES: Catalog = {
  G01: { es: "Adquisición de mercancías", en: "Purchase of goods" },
  G02: { es: "Devoluciones, descuentos o bonificaciones", en: "Returns, discounts or rebates" },
  G03: { es: "Gastos en general", en: "General expenses" },
  I01: { es: "Construcciones" },
  I02: { es: "Mobiliario y equipo de oficina por inversiones" },
  I03: { es: "Equipo de transporte" },
  I04: { es: "Equipo de computo y accesorios" },
  I05: { es: "Dados, troqueles, moldes, matrices y herramental" },
  I06: { es: "Comunicaciones telefónicas" },
  I07: { es: "Comunicaciones satelitales" },
  I08: { es: "Otra maquinaria y equipo" },
  D01: { es: "Honorarios médicos, dentales y gastos hospitalarios" },
  D02: { es: "Gastos médicos por incapacidad o discapacidad" },
  D03: { es: "Gastos funerales" },
  D04: { es: "Donativos" },
  D05: { es: "Intereses reales efectivamente pagados por créditos hipotecarios (casa habitación)" },
  D06: { es: "Aportaciones voluntarias al SAR" },
  D07: { es: "Primas por seguros de gastos médicos" },
  D08: { es: "Gastos de transportación escolar obligatoria" },
  D09: { es: "Depósitos en cuentas para el ahorro, primas que tengan como base planes de pensiones" },
  D10: { es: "Pagos por servicios educativos (colegiaturas)" },
  S01: { es: "Sin efectos fiscales", en: "No tax effect" },
  CP01: { es: "Pagos", en: "Payments" },
  CN01: { es: "Nómina", en: "Payroll" },
};

export const TAX_REGIMES: Catalog = {
  "601": { es: "General de Ley Personas Morales", en: "General regime for legal entities" },
  "603": { es: "Personas Morales con Fines no Lucrativos", en: "Non-profit legal entities" },
  "605": { es: "Sueldos y Salarios e Ingresos Asimilados a Salarios" },
  "606": { es: "Arrendamiento" },
  "607": { es: "Régimen de Enajenación o Adquisición de Bienes" },
  "608": { es: "Demás ingresos" },
  "609": { es: "Consolidación" },
  "610": { es: "Residentes en el Extranjero sin Establecimiento Permanente en México" },
  "611": { es: "Ingresos por Dividendos (socios y accionistas)" },
  "612": {
    es: "Personas Físicas con Actividades Empresariales y Profesionales",
    en: "Individuals with business and professional activities",
  },
  "614": { es: "Ingresos por intereses" },
  "615": { es: "Régimen de los ingresos por obtención de premios" },
  "616": { es: "Sin obligaciones fiscales" },
  "620": { es: "Sociedades Cooperativas de Producción que optan por diferir sus ingresos" },
  "621": { es: "Incorporación Fiscal" },
  "622": { es: "Actividades Agrícolas, Ganaderas, Silvícolas y Pesqueras" },
  "623": { es: "Opcional para Grupos de Sociedades" },
  "624": { es: "Coordinados" },
  "625": { es: "Régimen de las Actividades Empresariales con ingresos a través de Plataformas Tecnológicas" },
  "626": { es: "Régimen Simplificado de Confianza", en: "Simplified trust regime (RESICO)" },
  "628": { es: "Hidrocarburos" },
  "629": { es: "De los Regímenes Fiscales Preferentes y de las Empresas Multinacionales" },
  "630": { es: "Enajenación de acciones en bolsa de valores" },
};

export const VOUCHER_TYPES: Catalog = {
  I: { es: "Ingreso", en: "Income" },
  E: { es: "Egreso", en: "Expense (credit)" },
  T: { es: "Traslado", en: "Transfer" },
  N: { es: "Nómina", en: "Payroll" },
  P: { es: "Pago", en: "Payment" },
};

export const RELATION_TYPES: Catalog = {
  "01": { es: "Nota de crédito de los documentos relacionados", en: "Credit note of the related documents" },
  "02": { es: "Nota de débito de los documentos relacionados", en: "Debit note of the related documents" },
  "03": { es: "Devolución de mercancía sobre facturas o traslados previos", en: "Return of goods" },
  "04": { es: "Sustitución de los CFDI previos", en: "Replaces previous CFDIs" },
  "05": { es: "Traslados de mercancías facturados previamente" },
  "06": { es: "Factura generada por los traslados previos" },
  "07": { es: "CFDI por aplicación de anticipo", en: "Application of an advance" },
};

export const EXPORT_CODES: Catalog = {
  "01": { es: "No aplica", en: "Not applicable" },
  "02": { es: "Definitiva con clave A1", en: "Definitive export (A1)" },
  "03": { es: "Temporal", en: "Temporary export" },
  "04": { es: "Definitiva con clave distinta a A1 o cuando no existe enajenación en términos del CFF" },
};

export const CURRENCIES: Catalog = {
  MXN: { es: "Peso Mexicano", en: "Mexican peso" },
  USD: { es: "Dólar americano", en: "US dollar" },
  COP: { es: "Peso colombiano", en: "Colombian peso" },
};

/** DIAN fiscal responsibilities (RUT casilla 53) our parties carry, and the payment means of a UBL document. */
export const DIAN_TAX_LEVELS: Catalog = {
  "O-13": { es: "Gran contribuyente", en: "Large taxpayer" },
  "O-15": { es: "Autorretenedor", en: "Self-withholding agent" },
  "O-23": { es: "Agente de retención IVA", en: "VAT withholding agent" },
  "O-47": { es: "Régimen simple de tributación", en: "Simple tax regime" },
  "R-99-PN": { es: "No aplica - Otros", en: "Not applicable - other" },
};

export const DIAN_PAYMENT_MEANS: Catalog = {
  "1": { es: "Contado", en: "Cash" },
  "2": { es: "Crédito", en: "Credit" },
};

export const DIAN_CREDIT_NOTE_CONCEPTS: Catalog = {
  "1": { es: "Devolución parcial de los bienes", en: "Partial return of goods" },
  "2": { es: "Anulación de factura electrónica", en: "Cancellation of the invoice" },
  "3": { es: "Rebaja o descuento parcial o total", en: "Rebate or discount" },
  "4": { es: "Ajuste de precio", en: "Price correction" },
  "5": { es: "Otros", en: "Other" },
};

/** "PPD - Pago en parcialidades o diferido"; an unknown code prints as it is. */
export function describeCode(catalog: Catalog, code: string | null | undefined, language: "es" | "en"): string | null {
  if (code === null || code === undefined || code === "") return null;
  const entry = catalog[code];
  if (!entry) return code;
  return `${code} - ${language === "en" ? (entry.en ?? entry.es) : entry.es}`;
}
