// Fixed reference content of the demo: the two sellers, their commercial zones, the customer
// accounts (other modules and tests rely on MX-0001…MX-0004, the Bajío group and CO-0001), the
// product catalogue with SAT / UNSPSC codes, and payment behaviour profiles.
import type { SellerInput } from "~/domain/accounts/schemas";
import { computeNitCheckDigit } from "~/domain/fiscal/build-ubl-xml";
import type { Country } from "~/domain/vocabulary";
import type { Rng } from "./prng";

export type { Country } from "~/domain/vocabulary";

export const SELLERS: Record<Country, SellerInput> = {
  MX: {
    code: "AMN",
    legalName: "Aceros y Materiales del Norte, S.A. de C.V.",
    country: "MX",
    taxId: "AMN950315QK2",
    taxRegime: "601",
    postalCode: "64000",
    currency: "MXN",
    timeZone: "America/Mexico_City",
  },
  CO: {
    code: "MAN",
    legalName: "Materiales Andinos S.A.S.",
    country: "CO",
    taxId: `900482713-${computeNitCheckDigit("900482713")}`,
    taxRegime: "O-13",
    postalCode: "110111",
    currency: "COP",
    timeZone: "America/Bogota",
  },
};

export const ZONES: Record<Country, { code: string; name: string; postalCodes: string[] }[]> = {
  MX: [
    { code: "NTE", name: "Norte", postalCodes: ["64000", "64620", "66220", "25000", "31000"] },
    { code: "CTR", name: "Centro", postalCodes: ["06600", "03100", "54000", "11560", "42000"] },
    { code: "BAJ", name: "Bajío", postalCodes: ["37000", "76000", "36500", "38000"] },
    { code: "OCC", name: "Occidente", postalCodes: ["44100", "45010", "44600"] },
    { code: "SUR", name: "Sureste", postalCodes: ["97000", "86000", "77500"] },
  ],
  CO: [
    { code: "BOG", name: "Bogotá", postalCodes: ["110111", "110911", "111211"] },
    { code: "ANT", name: "Antioquia", postalCodes: ["050001", "050021", "055420"] },
    { code: "VAL", name: "Valle", postalCodes: ["760001", "760044", "763021"] },
    { code: "CAR", name: "Caribe", postalCodes: ["080001", "130001", "470001"] },
  ],
};

export type Segment = "large" | "medium" | "small";

export interface PaymentProfile {
  /** mean days paid after the due date (negative: early) */
  delayMean: number;
  delaySpread: number;
  /** share of invoices paid very late or never */
  stuckRate: number;
  /** share of invoices paid in two instalments */
  partialRate: number;
  /** day of the week the customer runs payments (0 Sunday … 6 Saturday) */
  payDay: number;
}

export interface AccountSpec {
  country: Country;
  number: string;
  legalName: string;
  zone: string;
  segment: Segment;
  term: 15 | 30 | 45 | 60;
  group?: "bajio";
  /** share of the invoices relative to other accounts */
  weight: number;
  profile: PaymentProfile;
}

const PROFILE: Record<Segment, PaymentProfile> = {
  large: { delayMean: 6, delaySpread: 12, stuckRate: 0.006, partialRate: 0.06, payDay: 5 },
  medium: { delayMean: 12, delaySpread: 16, stuckRate: 0.015, partialRate: 0.08, payDay: 4 },
  small: { delayMean: 18, delaySpread: 24, stuckRate: 0.03, partialRate: 0.1, payDay: 2 },
};
const WEIGHT: Record<Segment, number> = { large: 6, medium: 2.5, small: 1 };

type Row = [
  number: string,
  legalName: string,
  zone: string,
  segment: Segment,
  term: 15 | 30 | 45 | 60,
  extra?: { weight?: number; group?: "bajio"; profile?: Partial<PaymentProfile> },
];

const MX_ROWS: Row[] = [
  // A medium hardware chain with a few hundred invoices and a habit of paying late.
  [
    "MX-0001",
    "Ferretería López, S.A. de C.V.",
    "CTR",
    "medium",
    30,
    { weight: 1.7, profile: { delayMean: 20, delaySpread: 30, stuckRate: 0.04, partialRate: 0.12 } },
  ],
  ["MX-0002", "Constructora del Bajío, S.A. de C.V.", "BAJ", "large", 45, { group: "bajio" }],
  [
    "MX-0003",
    "Concretos y Agregados del Bajío, S.A. de C.V.",
    "BAJ",
    "large",
    30,
    { group: "bajio", profile: { delayMean: 10 } },
  ],
  [
    "MX-0004",
    "Inmobiliaria Bajío Habitat, S.A. de C.V.",
    "BAJ",
    "medium",
    60,
    { group: "bajio", profile: { delayMean: 28, stuckRate: 0.025 } },
  ],
  ["MX-0005", "Materiales para Construcción Garza, S.A. de C.V.", "NTE", "large", 30],
  ["MX-0006", "Aceros Industriales de Monterrey, S.A. de C.V.", "NTE", "large", 45],
  ["MX-0007", "Distribuidora Ferretera del Centro, S.A. de C.V.", "CTR", "large", 30],
  ["MX-0008", "Grupo Edificador Metropolitano, S.A.P.I. de C.V.", "CTR", "large", 60],
  ["MX-0009", "Ferremateriales Tlalnepantla, S.A. de C.V.", "CTR", "medium", 30],
  ["MX-0010", "Construcciones y Proyectos Hidalgo, S.A. de C.V.", "CTR", "medium", 45],
  ["MX-0011", "Tlapalería La Esperanza, S.A. de C.V.", "CTR", "small", 15],
  [
    "MX-0012",
    "Materiales El Ángel, S.A. de C.V.",
    "CTR",
    "small",
    15,
    { profile: { delayMean: 45, delaySpread: 40, stuckRate: 0.08 } },
  ],
  ["MX-0013", "Ferretera Queretana, S.A. de C.V.", "BAJ", "medium", 30],
  ["MX-0014", "Materiales Guanajuato, S. de R.L. de C.V.", "BAJ", "small", 15],
  ["MX-0015", "Constructora Tapatía, S.A. de C.V.", "OCC", "large", 45],
  ["MX-0016", "Ferreacero de Jalisco, S.A. de C.V.", "OCC", "medium", 30],
  ["MX-0017", "Materiales y Acabados Zapopan, S.A. de C.V.", "OCC", "small", 15],
  ["MX-0018", "Tornillos y Herrajes de Occidente, S.A. de C.V.", "OCC", "small", 30],
  ["MX-0019", "Constructora Peninsular del Sureste, S.A. de C.V.", "SUR", "large", 60, { profile: { delayMean: 15 } }],
  ["MX-0020", "Materiales Yucatecos, S.A. de C.V.", "SUR", "medium", 30],
  [
    "MX-0021",
    "Ferretería El Tucán, S.A. de C.V.",
    "SUR",
    "small",
    15,
    { profile: { delayMean: 40, delaySpread: 35, stuckRate: 0.07 } },
  ],
  ["MX-0022", "Distribuidora de Aceros de Tabasco, S.A. de C.V.", "SUR", "medium", 45],
  ["MX-0023", "Ferretería Hermanos Treviño, S.A. de C.V.", "NTE", "small", 15],
  ["MX-0024", "Herrería y Estructuras Saltillo, S.A. de C.V.", "NTE", "medium", 30],
  ["MX-0025", "Cementos y Block de Chihuahua, S.A. de C.V.", "NTE", "medium", 30],
  ["MX-0026", "Ferretería San Judas, S.A. de C.V.", "CTR", "small", 15],
  ["MX-0027", "Urbanizadora del Pacífico Occidental, S.A. de C.V.", "OCC", "large", 60],
  ["MX-0028", "Materiales La Huasteca, S.A. de C.V.", "NTE", "small", 30],
];

const CO_ROWS: Row[] = [
  ["CO-0001", "Distribuidora Andina S.A.S.", "BOG", "large", 30, { profile: { delayMean: 14, stuckRate: 0.012 } }],
  ["CO-0002", "Ferretería El Constructor S.A.S.", "BOG", "medium", 30],
  ["CO-0003", "Construcciones Sabana S.A.S.", "BOG", "large", 60],
  ["CO-0004", "Depósito de Materiales La 80 S.A.S.", "ANT", "small", 15],
  ["CO-0005", "Aceros y Ferretería Medellín S.A.S.", "ANT", "medium", 45],
  ["CO-0006", "Constructora Valle de Aburrá S.A.", "ANT", "large", 60],
  ["CO-0007", "Ferrecentro del Valle S.A.S.", "VAL", "medium", 30],
  [
    "CO-0008",
    "Materiales Pacífico Cali S.A.S.",
    "VAL",
    "small",
    15,
    { profile: { delayMean: 40, delaySpread: 30, stuckRate: 0.06 } },
  ],
  ["CO-0009", "Inversiones Constructoras del Cauca S.A.S.", "VAL", "medium", 45],
  ["CO-0010", "Ferretería Costa Caribe S.A.S.", "CAR", "medium", 30],
  ["CO-0011", "Depósito Barranquilla Ltda.", "CAR", "small", 15],
  ["CO-0012", "Obras Civiles Cartagena S.A.S.", "CAR", "small", 30],
];

export const GROUP_NAME = "Grupo Constructor del Bajío";

export const ACCOUNT_SPECS: AccountSpec[] = [
  ...MX_ROWS.map((r) => toSpec("MX", r)),
  ...CO_ROWS.map((r) => toSpec("CO", r)),
];

function toSpec(country: Country, [number, legalName, zone, segment, term, extra]: Row): AccountSpec {
  return {
    country,
    number,
    legalName,
    zone,
    segment,
    term,
    group: extra?.group,
    weight: extra?.weight ?? WEIGHT[segment],
    profile: { ...PROFILE[segment], ...extra?.profile },
  };
}

export const CREDIT_LIMIT: Record<Country, Record<Segment, string[]>> = {
  MX: {
    large: ["5000000.00", "8000000.00", "12000000.00"],
    medium: ["1200000.00", "1800000.00", "2500000.00"],
    small: ["150000.00", "250000.00", "400000.00"],
  },
  CO: {
    large: ["1500000000.00", "2500000000.00"],
    medium: ["400000000.00", "600000000.00"],
    small: ["50000000.00", "90000000.00"],
  },
};

const STOP_WORDS = new Set([
  "DE",
  "DEL",
  "Y",
  "LA",
  "EL",
  "LOS",
  "LAS",
  "S.A.",
  "S.",
  "R.L.",
  "C.V.",
  "S.A.P.I.",
  "SA",
  "CV",
]);

/** An RFC-shaped tax ID for a legal entity (3 letters from the name, incorporation date, homoclave). */
export function buildRfc(legalName: string, rng: Rng): string {
  const words = legalName
    .split(",")[0]
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .split(/\s+/)
    .filter((w) => !STOP_WORDS.has(w) && /[A-Z]/.test(w));
  const letters = (
    words.length >= 3
      ? words
          .slice(0, 3)
          .map((w) => w[0])
          .join("")
      : (words[0] ?? "XXX").replace(/[^A-Z]/g, "").slice(0, 3)
  ).padEnd(3, "X");
  const yy = String(rng.int(78, 115) % 100).padStart(2, "0");
  const mm = String(rng.int(1, 12)).padStart(2, "0");
  const dd = String(rng.int(1, 28)).padStart(2, "0");
  const alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ123456789";
  return `${letters}${yy}${mm}${dd}${rng.pick([...alnum])}${rng.pick([...alnum])}${rng.int(0, 9)}`;
}

/** A NIT with its DIAN check digit, "830114921-1". */
export function buildNit(rng: Rng): string {
  const nit = String(rng.pick([800, 811, 830, 860, 890, 900, 901])) + String(rng.int(100000, 999999));
  return `${nit}-${computeNitCheckDigit(nit)}`;
}

export interface Product {
  sku: string;
  description: string;
  unit: string;
  productCode: string;
  unitCode: string;
  /** list price in the seller's currency, at the start of the history */
  price: number;
  /** typical quantity for a small order */
  baseQty: number;
}

export const PRODUCTS: Record<Country, Product[]> = {
  MX: [
    {
      sku: "VAR-38",
      description: 'Varilla corrugada 3/8" grado 42, 12 m',
      unit: "Pieza",
      productCode: "30102404",
      unitCode: "H87",
      price: 185,
      baseQty: 60,
    },
    {
      sku: "VAR-12",
      description: 'Varilla corrugada 1/2" grado 42, 12 m',
      unit: "Pieza",
      productCode: "30102404",
      unitCode: "H87",
      price: 329,
      baseQty: 40,
    },
    {
      sku: "VAR-58",
      description: 'Varilla corrugada 5/8" grado 42, 12 m',
      unit: "Pieza",
      productCode: "30102404",
      unitCode: "H87",
      price: 515,
      baseQty: 20,
    },
    {
      sku: "VAR-TON",
      description: 'Varilla corrugada 3/8" a granel',
      unit: "Tonelada",
      productCode: "30102404",
      unitCode: "TNE",
      price: 19850,
      baseQty: 2,
    },
    {
      sku: "ALM-18",
      description: "Alambre recocido calibre 18",
      unit: "Kilogramo",
      productCode: "30102900",
      unitCode: "KGM",
      price: 38.5,
      baseQty: 100,
    },
    {
      sku: "ALB-14",
      description: 'Alambrón 1/4" rollo',
      unit: "Kilogramo",
      productCode: "30102900",
      unitCode: "KGM",
      price: 24.8,
      baseQty: 250,
    },
    {
      sku: "MAL-66",
      description: "Malla electrosoldada 6x6-10/10, rollo 2.5 x 40 m",
      unit: "Rollo",
      productCode: "30102800",
      unitCode: "XRO",
      price: 2150,
      baseQty: 4,
    },
    {
      sku: "ARM-15",
      description: "Armex 15x15-4, 6 m",
      unit: "Pieza",
      productCode: "30102404",
      unitCode: "H87",
      price: 298,
      baseQty: 30,
    },
    {
      sku: "PTR-2",
      description: 'PTR 2" x 2" calibre 14, 6.1 m',
      unit: "Pieza",
      productCode: "30102200",
      unitCode: "H87",
      price: 612,
      baseQty: 12,
    },
    {
      sku: "ANG-2",
      description: 'Ángulo 2" x 3/16", 6.1 m',
      unit: "Pieza",
      productCode: "30102200",
      unitCode: "H87",
      price: 545,
      baseQty: 12,
    },
    {
      sku: "LAM-26",
      description: "Lámina galvanizada acanalada calibre 26, 3.05 m",
      unit: "Pieza",
      productCode: "30102100",
      unitCode: "H87",
      price: 389,
      baseQty: 25,
    },
    {
      sku: "CEM-50",
      description: "Cemento gris CPC 30R, bulto 50 kg",
      unit: "Bulto",
      productCode: "30111601",
      unitCode: "XBG",
      price: 245,
      baseQty: 80,
    },
    {
      sku: "MOR-50",
      description: "Mortero, bulto 50 kg",
      unit: "Bulto",
      productCode: "30111601",
      unitCode: "XBG",
      price: 189,
      baseQty: 40,
    },
    {
      sku: "CAL-25",
      description: "Cal hidratada, bulto 25 kg",
      unit: "Bulto",
      productCode: "30111700",
      unitCode: "XBG",
      price: 92,
      baseQty: 40,
    },
    {
      sku: "CLA-4",
      description: 'Clavo estándar 4"',
      unit: "Kilogramo",
      productCode: "31162001",
      unitCode: "KGM",
      price: 42,
      baseQty: 50,
    },
    {
      sku: "TOR-14",
      description: 'Tornillo hexagonal galvanizado 1/4" x 1", caja 100',
      unit: "Caja",
      productCode: "31161500",
      unitCode: "XBX",
      price: 186,
      baseQty: 10,
    },
    {
      sku: "TAQ-516",
      description: "Taquete de plástico 5/16, bolsa 100",
      unit: "Bolsa",
      productCode: "31162800",
      unitCode: "XBG",
      price: 64,
      baseQty: 10,
    },
    {
      sku: "SOL-6013",
      description: 'Soldadura eléctrica E6013 1/8"',
      unit: "Kilogramo",
      productCode: "23271810",
      unitCode: "KGM",
      price: 78,
      baseQty: 20,
    },
    {
      sku: "DIS-412",
      description: 'Disco de corte para metal 4 1/2"',
      unit: "Pieza",
      productCode: "27111900",
      unitCode: "H87",
      price: 29.5,
      baseQty: 50,
    },
  ],
  CO: [
    {
      sku: "VAR-38",
      description: 'Varilla corrugada 3/8" 60.000 PSI, 6 m',
      unit: "Unidad",
      productCode: "30102404",
      unitCode: "94",
      price: 16900,
      baseQty: 80,
    },
    {
      sku: "VAR-12",
      description: 'Varilla corrugada 1/2" 60.000 PSI, 6 m',
      unit: "Unidad",
      productCode: "30102404",
      unitCode: "94",
      price: 29800,
      baseQty: 50,
    },
    {
      sku: "ALM-N",
      description: "Alambre negro calibre 18",
      unit: "Kilogramo",
      productCode: "30102900",
      unitCode: "KGM",
      price: 9800,
      baseQty: 100,
    },
    {
      sku: "MAL-ES",
      description: "Malla electrosoldada 15x15 cm, 6 x 2.35 m",
      unit: "Unidad",
      productCode: "30102800",
      unitCode: "94",
      price: 148000,
      baseQty: 10,
    },
    {
      sku: "PER-C",
      description: "Perfil en C galvanizado 100 x 50 mm, 6 m",
      unit: "Unidad",
      productCode: "30102200",
      unitCode: "94",
      price: 96500,
      baseQty: 10,
    },
    {
      sku: "TEJ-ZN",
      description: "Teja de zinc ondulada calibre 33, 3.05 m",
      unit: "Unidad",
      productCode: "30102100",
      unitCode: "94",
      price: 41200,
      baseQty: 30,
    },
    {
      sku: "CEM-50",
      description: "Cemento gris uso general, bulto 50 kg",
      unit: "Bulto",
      productCode: "30111601",
      unitCode: "BG",
      price: 33900,
      baseQty: 100,
    },
    {
      sku: "CEM-ES",
      description: "Cemento estructural, bulto 50 kg",
      unit: "Bulto",
      productCode: "30111601",
      unitCode: "BG",
      price: 37500,
      baseQty: 60,
    },
    {
      sku: "CLA-3",
      description: 'Puntilla con cabeza 3"',
      unit: "Kilogramo",
      productCode: "31162001",
      unitCode: "KGM",
      price: 11500,
      baseQty: 40,
    },
    {
      sku: "TOR-DR",
      description: "Tornillo drywall 6 x 1, caja 1000",
      unit: "Caja",
      productCode: "31161500",
      unitCode: "BX",
      price: 38000,
      baseQty: 10,
    },
    {
      sku: "SOL-6013",
      description: 'Soldadura E6013 1/8"',
      unit: "Kilogramo",
      productCode: "23271810",
      unitCode: "KGM",
      price: 21500,
      baseQty: 20,
    },
  ],
};

/** The line of a rebate or price-correction credit note (a service, not goods). */
export const SERVICE_LINE = {
  MX: { productCode: "84111506", unitCode: "ACT", unit: "Actividad" },
  CO: { productCode: "84111506", unitCode: "94", unit: "Unidad" },
};

export const TAX_RATE: Record<Country, string> = { MX: "0.16", CO: "0.19" };

export const RECEIVERS = [
  "Juan Pérez",
  "María Hernández",
  "José Luis García",
  "Guadalupe Martínez",
  "Francisco López",
  "Ana Sofía Ramírez",
  "Miguel Ángel Torres",
  "Verónica Flores",
  "Jorge Sánchez",
  "Rosa Elena Díaz",
  "Carlos Gómez",
  "Patricia Cruz",
  "Andrés Restrepo",
  "Luz Marina Ospina",
  "Camilo Rojas",
  "Diana Marcela Castro",
  "Almacén (sello de recibido)",
];

export const BANKS: Record<Country, string[]> = {
  MX: ["BBVA", "Banorte", "Santander", "Banamex", "HSBC", "Scotiabank"],
  CO: ["Bancolombia", "Banco de Bogotá", "Davivienda", "BBVA Colombia"],
};
