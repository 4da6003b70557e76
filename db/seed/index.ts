// Deterministic demo data for the portal: two sellers (Mexico, Colombia), their zones, ~40 customer
// accounts and three years of receivables history up to `today`. Everything is written through the
// domain functions (createSeller…, issueDocuments, applyCredits, reverseApplication), so the demo
// obeys the same rules and leaves the same audit trail as real use, and the documents' stored applied
// and open amounts (ADR 009) come out as the ledger keeps them. Batched for speed.
import {
  createCustomerAccount,
  createCustomerGroup,
  createSeller,
  createZone,
} from "~/domain/accounts/create-organization.server";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { buildCfdiXml } from "~/domain/fiscal/build-cfdi-xml";
import { buildUblXml } from "~/domain/fiscal/build-ubl-xml";
import type { FiscalParty } from "~/domain/fiscal/fiscal-types";
import { applyCredits, reverseApplication } from "~/domain/ledger/apply-credits.server";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import type { DocumentInput } from "~/domain/ledger/schemas";
import type { Db } from "~/utils/db.server";
import {
  ACCOUNT_SPECS,
  buildNit,
  buildRfc,
  type Country,
  CREDIT_LIMIT,
  GROUP_NAME,
  RECEIVERS,
  SELLERS,
  ZONES,
} from "./catalog";
import {
  type LedgerPlan,
  type PlanAccount,
  type PlannedCreditNote,
  type PlannedInvoice,
  planLedger,
} from "./plan-ledger";
import { addDays, createRng, type Rng, todayIn } from "./prng";

export const SEED_ACTOR: Actor = { userId: null, label: "seed" };
export const DEFAULT_SEED_INVOICES = 20_000;
const SEED = 20_240_601;
const DOCUMENT_BATCH = 1_000;
const APPLICATION_BATCH = 2_000;

export interface SeededAccount {
  id: string;
  number: string;
  legalName: string;
  sellerId: string;
  country: Country;
  segment: "large" | "medium" | "small";
  groupId: string | null;
  zoneId: string;
}

export interface SeedOptions {
  /** invoices over the whole history (default 20,000) */
  invoices?: number;
  /** last day of the history, "YYYY-MM-DD" (default: today in America/Mexico_City) */
  today?: string;
  log?: (msg: string) => void;
  /**
   * Runs once the sellers, zones, groups and accounts exist and before the ledger is written:
   * the place where demo users (staff, customer users and their grants) are created.
   */
  afterAccounts?: (db: Db, accounts: SeededAccount[]) => Promise<void>;
}

export interface SeedSummary {
  today: string;
  sellers: { id: string; code: string; country: Country }[];
  accounts: SeededAccount[];
  groupId: string;
  counts: {
    invoices: number;
    creditNotes: number;
    payments: number;
    debitNotes: number;
    adjustments: number;
    applications: number;
    reversals: number;
  };
}

export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const log = options.log ?? (() => {});
  const today = options.today ?? todayIn("America/Mexico_City");
  const invoiceCount = options.invoices ?? DEFAULT_SEED_INVOICES;
  const rng = createRng(SEED);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  // --- Organisation -------------------------------------------------------------------------------
  const sellerRows = {} as Record<Country, { id: string; code: string }>;
  const zoneIds = new Map<string, string>();
  for (const country of ["MX", "CO"] as const) {
    const seller = await createSeller(db, SEED_ACTOR, SELLERS[country]);
    sellerRows[country] = seller;
    for (const z of ZONES[country]) {
      const zone = await createZone(db, SEED_ACTOR, { sellerId: seller.id, code: z.code, name: z.name });
      zoneIds.set(`${country}:${z.code}`, zone.id);
    }
  }
  const group = await createCustomerGroup(db, SEED_ACTOR, { name: GROUP_NAME });
  const accounts: SeededAccount[] = [];
  const parties = new Map<string, FiscalParty>();
  for (const spec of ACCOUNT_SPECS) {
    const zone = ZONES[spec.country].find((z) => z.code === spec.zone)!;
    const input = {
      sellerId: sellerRows[spec.country].id,
      zoneId: zoneIds.get(`${spec.country}:${spec.zone}`)!,
      groupId: spec.group ? group.id : null,
      number: spec.number,
      legalName: spec.legalName,
      taxId: spec.country === "MX" ? buildRfc(spec.legalName, rng) : buildNit(rng),
      taxRegime: spec.country === "MX" ? "601" : rng.pick(["O-13", "O-15", "R-99-PN"]),
      postalCode: rng.pick(zone.postalCodes),
      segment: spec.segment,
      currency: spec.country === "MX" ? ("MXN" as const) : ("COP" as const),
      creditLimit: rng.pick(CREDIT_LIMIT[spec.country][spec.segment]),
      paymentTermDays: spec.term,
      collectorId: null, // portfolios are assigned once staff users exist
    };
    const row = await createCustomerAccount(db, SEED_ACTOR, input);
    accounts.push({
      id: row.id,
      number: row.number,
      legalName: row.legalName,
      sellerId: row.sellerId,
      country: spec.country,
      segment: spec.segment,
      groupId: row.groupId,
      zoneId: row.zoneId,
    });
    parties.set(row.id, {
      taxId: row.taxId,
      legalName: row.legalName,
      taxRegime: row.taxRegime,
      postalCode: row.postalCode,
    });
  }
  log(`seed: 2 sellers, ${zoneIds.size} zones, ${accounts.length} accounts (${elapsed()})`);

  // >>> Demo users: created here by the identity/users seed, through options.afterAccounts. <<<
  if (options.afterAccounts) await options.afterAccounts(db, accounts);

  // --- Ledger plan --------------------------------------------------------------------------------
  const planAccounts: PlanAccount[] = ACCOUNT_SPECS.map((spec, i) => ({
    id: accounts[i].id,
    spec,
    currency: spec.country === "MX" ? "MXN" : "COP",
  }));
  const historyStart = addDays(today, -3 * 365);
  const plan = planLedger({ rng, accounts: planAccounts, invoices: invoiceCount, today, historyStart });
  numberDocuments(rng, plan);
  log(
    `seed: planned ${plan.invoices.length} invoices, ${plan.creditNotes.length} credit notes, ${plan.others.length} other documents, ${plan.applications.length} applications (${elapsed()})`,
  );

  // --- Documents ----------------------------------------------------------------------------------
  const context: BuildContext = {
    sellers: { MX: { ...SELLERS.MX }, CO: { ...SELLERS.CO } },
    parties,
    remissions: new Map(),
    rng,
  };
  planRemissions(rng, plan, context);
  let issued = 0;
  const total = plan.invoices.length + plan.creditNotes.length + plan.others.length;
  const issueInBatches = async <T>(items: T[], build: (item: T) => DocumentInput) => {
    for (let i = 0; i < items.length; i += DOCUMENT_BATCH) {
      await issueDocuments(db, SEED_ACTOR, items.slice(i, i + DOCUMENT_BATCH).map(build));
      issued += Math.min(DOCUMENT_BATCH, items.length - i);
      log(`seed: documents ${issued}/${total} (${elapsed()})`);
    }
  };
  await issueInBatches(plan.invoices, (inv) => buildInvoiceInput(inv, context));
  await issueInBatches(plan.creditNotes, (nc) => buildCreditNoteInput(nc, context));
  await issueInBatches(plan.others, (d) => ({
    id: d.id,
    accountId: d.account.id,
    kind: d.kind,
    effect: d.effect,
    series: d.series!,
    folio: d.folio!,
    issueDate: d.issueDate,
    currency: d.account.currency,
    amount: d.amount,
    paymentForm: d.paymentForm,
    reference: d.reference,
    notes: d.notes,
  }));

  // --- Applications, the returned cheques' reversals, then what follows them -----------------------
  const applyPhase = async (phase: 1 | 2) => {
    const items = plan.applications.filter((a) => a.phase === phase);
    for (let i = 0; i < items.length; i += APPLICATION_BATCH) {
      const batch = items.slice(i, i + APPLICATION_BATCH);
      const ids = await applyCredits(
        db,
        SEED_ACTOR,
        batch.map(({ sourceId, targetId, amount, appliedOn }) => ({ sourceId, targetId, amount, appliedOn })),
      );
      batch.forEach((a, k) => (a.id = ids[k]));
      log(
        `seed: applications ${Math.min(i + APPLICATION_BATCH, items.length)}/${items.length} (phase ${phase}, ${elapsed()})`,
      );
    }
  };
  await applyPhase(1);
  for (const r of plan.reversals) {
    await reverseApplication(db, SEED_ACTOR, {
      applicationId: r.application.id!,
      reversedOn: r.reversedOn,
      reason: r.reason,
    });
  }
  await applyPhase(2);

  const count = (kind: string) => plan.others.filter((d) => d.kind === kind).length;
  const summary: SeedSummary = {
    today,
    sellers: (["MX", "CO"] as const).map((c) => ({ id: sellerRows[c].id, code: sellerRows[c].code, country: c })),
    accounts,
    groupId: group.id,
    counts: {
      invoices: plan.invoices.length,
      creditNotes: plan.creditNotes.length,
      payments: count("payment"),
      debitNotes: count("debit_note"),
      adjustments: count("adjustment"),
      applications: plan.applications.length,
      reversals: plan.reversals.length,
    },
  };
  log(`seed: done in ${elapsed()}: ${JSON.stringify(summary.counts)}`);
  return summary;
}

interface BuildContext {
  sellers: Record<Country, FiscalParty>;
  parties: Map<string, FiscalParty>;
  remissions: Map<string, { number: string; deliveryDate: string; receivedBy: string }[]>;
  rng: Rng;
}

const SERIES: Record<
  Country,
  Record<"invoice" | "credit_note" | "payment" | "debit_note" | "adjustment", [string, number]>
> = {
  MX: {
    invoice: ["A", 10_001],
    credit_note: ["NC", 2_001],
    payment: ["P", 5_001],
    debit_note: ["ND", 301],
    adjustment: ["AJ", 101],
  },
  CO: {
    invoice: ["FE", 1_001],
    credit_note: ["NC", 101],
    payment: ["RC", 3_001],
    debit_note: ["ND", 51],
    adjustment: ["AJ", 11],
  },
};

/** Serie/folio in issue order per seller and kind, and the MX UUIDs (CO CUFEs depend on content). */
function numberDocuments(rng: Rng, plan: LedgerPlan) {
  const byDate = <T extends { issueDate: string }>(a: T, b: T) =>
    a.issueDate < b.issueDate ? -1 : a.issueDate > b.issueDate ? 1 : 0;
  let uuidCounter = 0;
  const uuid = () => {
    uuidCounter += 1;
    // random-looking, unique by construction (the counter fills the last group)
    return `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(["8", "9", "a", "b"])}${rng.hex(3)}-${uuidCounter.toString(16).padStart(12, "0")}`;
  };
  for (const country of ["MX", "CO"] as const) {
    const invoices = plan.invoices
      .filter((d) => d.account.spec.country === country)
      .sort((a, b) => byDate(a, b) || a.time - b.time);
    let [series, folio] = SERIES[country].invoice;
    for (const inv of invoices) {
      inv.series = series;
      inv.folio = String(folio++);
      if (country === "MX") inv.fiscalId = uuid();
    }
    const notes = plan.creditNotes
      .filter((d) => d.account.spec.country === country)
      .sort((a, b) => byDate(a, b) || a.time - b.time);
    [series, folio] = SERIES[country].credit_note;
    for (const nc of notes) {
      nc.series = series;
      nc.folio = String(folio++);
      if (country === "MX") nc.fiscalId = uuid();
    }
    for (const kind of ["payment", "debit_note", "adjustment"] as const) {
      const docs = plan.others.filter((d) => d.kind === kind && d.account.spec.country === country).sort(byDate);
      [series, folio] = SERIES[country][kind];
      for (const d of docs) {
        d.series = series;
        d.folio = String(folio++);
      }
    }
  }
  // Documents are issued in date order, like the real ledger grew.
  plan.invoices.sort((a, b) => byDate(a, b) || a.time - b.time);
  plan.creditNotes.sort(byDate);
  plan.others.sort(byDate);
}

function planRemissions(rng: Rng, plan: LedgerPlan, context: BuildContext) {
  const seq: Record<Country, number> = { MX: 40_001, CO: 8_001 };
  for (const inv of plan.invoices) {
    const country = inv.account.spec.country;
    const list = [];
    for (let i = 0; i < inv.remissionCount; i++) {
      list.push({
        number: `${country === "MX" ? "REM" : "RM"}-${String(seq[country]++).padStart(7, "0")}`,
        deliveryDate: addDays(inv.issueDate, -rng.int(0, 3)),
        receivedBy: rng.pick(RECEIVERS),
      });
    }
    context.remissions.set(inv.id, list);
  }
}

const clock = (seconds: number) =>
  [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
const encoder = new TextEncoder();

function xmlFile(series: string, folio: string, xml: string) {
  return {
    role: "xml" as const,
    fileName: `${series}-${folio}.xml`,
    mediaType: "application/xml",
    content: encoder.encode(xml),
  };
}

function buildInvoiceInput(inv: PlannedInvoice, context: BuildContext): DocumentInput {
  const country = inv.account.spec.country;
  const issuer = context.sellers[country];
  const receiver = context.parties.get(inv.account.id)!;
  let xml: string;
  if (country === "MX") {
    xml = buildCfdiXml({
      kind: "invoice",
      series: inv.series!,
      folio: inv.folio!,
      issuedAt: `${inv.issueDate}T${clock(inv.time)}`,
      currency: "MXN",
      paymentMethod: inv.pue ? "PUE" : "PPD",
      paymentForm: inv.paymentForm ?? "99",
      paymentTerms: inv.pue ? "Contado" : `Crédito ${inv.account.spec.term} días`,
      issuer,
      receiver,
      lines: inv.lines,
      totals: inv.totals,
      stamp: { uuid: inv.fiscalId!, stampedAt: `${inv.issueDate}T${clock(Math.min(inv.time + 95, 86_399))}` },
    });
  } else {
    const built = buildUblXml({
      kind: "invoice",
      prefix: inv.series!,
      number: inv.folio!,
      issueDate: inv.issueDate,
      issueTime: `${clock(inv.time)}-05:00`,
      dueDate: inv.dueDate,
      currency: "COP",
      supplier: issuer,
      customer: receiver,
      lines: inv.lines,
      totals: inv.totals,
      paymentMeansCode: "2",
      note: inv.purchaseOrder ? `Orden de compra ${inv.purchaseOrder}` : undefined,
    });
    xml = built.xml;
    inv.fiscalId = built.cufe;
  }
  return {
    id: inv.id,
    accountId: inv.account.id,
    kind: "invoice",
    series: inv.series!,
    folio: inv.folio!,
    fiscalId: inv.fiscalId,
    issueDate: inv.issueDate,
    dueDate: inv.dueDate,
    currency: inv.account.currency,
    amount: inv.amount,
    paymentMethod: country === "MX" ? (inv.pue ? "PUE" : "PPD") : null,
    paymentForm: inv.paymentForm,
    purchaseOrder: inv.purchaseOrder,
    lines: inv.lines,
    remissions: context.remissions.get(inv.id),
    files: [xmlFile(inv.series!, inv.folio!, xml)],
  };
}

function buildCreditNoteInput(nc: PlannedCreditNote, context: BuildContext): DocumentInput {
  const country = nc.account.spec.country;
  const issuer = context.sellers[country];
  const receiver = context.parties.get(nc.account.id)!;
  let xml: string;
  if (country === "MX") {
    const related = nc.related.map((i) => i.fiscalId!).slice(0, 50);
    xml = buildCfdiXml({
      kind: "credit_note",
      series: nc.series!,
      folio: nc.folio!,
      issuedAt: `${nc.issueDate}T${clock(nc.time)}`,
      currency: "MXN",
      paymentMethod: "PUE",
      paymentForm: nc.reason === "rebate" ? "15" : "17",
      cfdiUse: "G02",
      issuer,
      receiver,
      lines: nc.lines,
      totals: nc.totals,
      related: related.length > 0 ? { relationType: "01", uuids: related } : undefined,
      stamp: { uuid: nc.fiscalId!, stampedAt: `${nc.issueDate}T${clock(Math.min(nc.time + 80, 86_399))}` },
    });
  } else {
    const invoice = nc.related[0];
    const built = buildUblXml({
      kind: "credit_note",
      prefix: nc.series!,
      number: nc.folio!,
      issueDate: nc.issueDate,
      issueTime: `${clock(nc.time)}-05:00`,
      currency: "COP",
      supplier: issuer,
      customer: receiver,
      lines: nc.lines,
      totals: nc.totals,
      note: nc.notes,
      creditNoteConcept: nc.reason === "return" ? "1" : nc.reason === "price" ? "4" : "3",
      billingReferences: invoice
        ? [{ id: `${invoice.series}${invoice.folio}`, cufe: invoice.fiscalId!, issueDate: invoice.issueDate }]
        : undefined,
    });
    xml = built.xml;
    nc.fiscalId = built.cufe;
  }
  return {
    id: nc.id,
    accountId: nc.account.id,
    kind: "credit_note",
    series: nc.series!,
    folio: nc.folio!,
    fiscalId: nc.fiscalId,
    issueDate: nc.issueDate,
    currency: nc.account.currency,
    amount: nc.amount,
    paymentMethod: country === "MX" ? "PUE" : null,
    paymentForm: country === "MX" ? (nc.reason === "rebate" ? "15" : "17") : null,
    notes: nc.notes,
    lines: nc.lines,
    files: [xmlFile(nc.series!, nc.folio!, xml)],
  };
}
