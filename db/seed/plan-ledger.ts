// Plans the demo ledger in memory, deterministically: invoices with lines and remissions, credit notes
// (returns, price corrections), rebates, payments (full, partial, several invoices at once, some on
// account), short-pay adjustments, interest debit notes, and a returned cheque. Nothing touches the
// database here; db/seed/index.ts writes the plan through the ledger's domain functions.
//
// Amounts are planned so that every application fits: the plan tracks each invoice's remaining
// amount with decimal arithmetic and never applies more than what is open or unapplied.
import type Decimal from "decimal.js";
import { createRandomId as createId } from "#db/schema/_columns";
import { computeFiscalTotals, type FiscalLineInput, type FiscalTotals } from "~/domain/fiscal/fiscal-types";
import { dec, toMoney } from "~/utils/money";
import { type AccountSpec, BANKS, type Country, PRODUCTS, SERVICE_LINE, TAX_RATE } from "./catalog";
import { addDays, daysBetween, nextWeekday, type Rng, weekday } from "./prng";

export interface PlanAccount {
  id: string;
  spec: AccountSpec;
  currency: "MXN" | "COP";
}

export interface PlannedInvoice {
  id: string;
  account: PlanAccount;
  issueDate: string;
  dueDate: string;
  /** seconds after midnight, for the CFDI/UBL time stamp */
  time: number;
  lines: FiscalLineInput[];
  totals: FiscalTotals;
  amount: string;
  pue: boolean;
  paymentForm: string | null;
  purchaseOrder: string | null;
  remissionCount: number;
  /** what is left to pay after credit notes and rebates */
  remaining: Decimal;
  /** last date a credit note touched it; payments come after */
  creditedUntil: string;
  /** never paid: keeps the aging buckets populated */
  keepOpen: boolean;
  /** payment dates (already on the customer's payment day); a share < 1 is a partial payment */
  portions: { date: string; share: number }[];
  series?: string;
  folio?: string;
  fiscalId?: string;
}

export type CreditReason = "return" | "price" | "rebate";

export interface PlannedCreditNote {
  id: string;
  account: PlanAccount;
  issueDate: string;
  time: number;
  lines: FiscalLineInput[];
  totals: FiscalTotals;
  amount: string;
  reason: CreditReason;
  notes: string;
  /** the invoices it credits (one for returns and price corrections, those it was applied to for rebates) */
  related: PlannedInvoice[];
  series?: string;
  folio?: string;
  fiscalId?: string;
}

export interface PlannedSimpleDocument {
  id: string;
  account: PlanAccount;
  kind: "payment" | "debit_note" | "adjustment";
  effect?: "charge" | "credit";
  issueDate: string;
  amount: string;
  notes: string | null;
  reference: string | null;
  paymentForm: string | null;
  series?: string;
  folio?: string;
}

export interface PlannedApplication {
  sourceId: string;
  targetId: string;
  amount: string;
  appliedOn: string;
  /** 1: written first; 2: after the reversals (a returned cheque's replacement) */
  phase: 1 | 2;
  id?: string;
}

export interface PlannedReversal {
  application: PlannedApplication;
  reversedOn: string;
  reason: string;
}

export interface LedgerPlan {
  invoices: PlannedInvoice[];
  creditNotes: PlannedCreditNote[];
  others: PlannedSimpleDocument[];
  applications: PlannedApplication[];
  reversals: PlannedReversal[];
}

const SEGMENT_QTY = { large: 5, medium: 2, small: 0.6 } as const;

/** Integer cents → "123.45" (cents are generated values, not ledger arithmetic). */
function centsToMoney(cents: number): string {
  const c = Math.max(1, Math.round(cents));
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
}

function planInvoiceLines(rng: Rng, account: PlanAccount, issueDate: string, historyStart: string): FiscalLineInput[] {
  const country = account.spec.country;
  const catalogue = PRODUCTS[country];
  const maxLines = account.spec.segment === "small" ? 3 : 5;
  const count = rng.int(1, maxLines);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, catalogue.length - 1));
  // Prices drift up about 5% a year over the history.
  const inflation = 1 + (0.05 * daysBetween(historyStart, issueDate)) / 365;
  return [...chosen].map((i) => {
    const p = catalogue[i];
    const qty = Math.max(1, Math.round(p.baseQty * SEGMENT_QTY[account.spec.segment] * (0.4 + rng.next() * 1.2)));
    let cents = p.price * 100 * inflation * (0.97 + rng.next() * 0.06);
    if (country === "CO") cents = Math.round(cents / 100) * 100; // whole pesos
    return {
      sku: p.sku,
      description: p.description,
      unit: p.unit,
      productCode: p.productCode,
      unitCode: p.unitCode,
      quantity: String(qty),
      unitPrice: centsToMoney(cents),
      taxRate: TAX_RATE[country],
    };
  });
}

export interface PlanOptions {
  rng: Rng;
  accounts: PlanAccount[];
  invoices: number;
  today: string;
  historyStart: string;
}

export function planLedger(options: PlanOptions): LedgerPlan {
  const { rng, accounts, today, historyStart } = options;
  const plan: LedgerPlan = { invoices: [], creditNotes: [], others: [], applications: [], reversals: [] };
  const days = daysBetween(historyStart, today);

  // Invoices per account in proportion to its weight (largest remainder, so the total is exact).
  const totalWeight = accounts.reduce((s, a) => s + a.spec.weight, 0);
  const raw = accounts.map((a) => (options.invoices * a.spec.weight) / totalWeight);
  const counts = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  const shortfall = options.invoices - counts.reduce((s, c) => s + c, 0);
  for (let k = 0; k < shortfall; k++) counts[order[k % order.length][1]] += 1;

  const byAccount = new Map<string, PlannedInvoice[]>();
  accounts.forEach((account, idx) => {
    const list: PlannedInvoice[] = [];
    const dates: string[] = [];
    for (let i = 0; i < counts[idx]; i++) {
      let d = addDays(historyStart, rng.int(0, days));
      if (weekday(d) === 0) d = addDays(d, d === today ? -2 : 1); // no invoicing on Sundays
      dates.push(d);
    }
    dates.sort();
    const pueShare = account.spec.country === "MX" && account.spec.segment === "small" ? 0.2 : 0;
    for (const issueDate of dates) {
      const lines = planInvoiceLines(rng, account, issueDate, historyStart);
      const totals = computeFiscalTotals(lines);
      const pue = rng.chance(pueShare);
      const poShare = { large: 0.8, medium: 0.4, small: 0.1 }[account.spec.segment];
      list.push({
        id: createId(),
        account,
        issueDate,
        dueDate: pue ? issueDate : addDays(issueDate, account.spec.term),
        time: rng.int(8 * 3600, 18 * 3600),
        lines,
        totals,
        amount: totals.total,
        pue,
        paymentForm: account.spec.country === "MX" ? (pue ? rng.pick(["03", "03", "01", "04"]) : "99") : null,
        purchaseOrder: rng.chance(poShare)
          ? account.spec.country === "MX"
            ? `OC-45${String(rng.int(0, 99_999_999)).padStart(8, "0")}`
            : `OC-${issueDate.slice(0, 4)}-${String(rng.int(1, 9999)).padStart(4, "0")}`
          : null,
        remissionCount: rng.chance(0.3) ? 2 : 1,
        remaining: dec(totals.total),
        creditedUntil: issueDate,
        keepOpen: false,
        portions: [],
      });
    }
    byAccount.set(account.id, list);
    plan.invoices.push(...list);
  });

  // Credit notes for returns and price corrections, applied to the invoice they correct.
  for (const inv of plan.invoices) {
    if (inv.pue || !rng.chance(0.06)) continue;
    const date = addDays(inv.issueDate, rng.int(2, 25));
    if (date > today) continue;
    const line = rng.pick(inv.lines);
    const isReturn = rng.chance(0.7);
    const ncLine: FiscalLineInput = isReturn
      ? {
          ...line,
          description: `Devolución: ${line.description}`,
          quantity: String(Math.max(1, Math.round(Number(line.quantity) * (0.1 + rng.next() * 0.3)))),
        }
      : {
          ...line,
          description: `Corrección de precio: ${line.description}`,
          unitPrice: toMoney(dec(line.unitPrice).times(0.03 + rng.next() * 0.05)),
        };
    if (dec(ncLine.unitPrice).lessThanOrEqualTo(0)) continue;
    const totals = computeFiscalTotals([ncLine]);
    if (dec(totals.total).greaterThanOrEqualTo(inv.remaining)) continue;
    const nc: PlannedCreditNote = {
      id: createId(),
      account: inv.account,
      issueDate: date,
      time: rng.int(8 * 3600, 18 * 3600),
      lines: [ncLine],
      totals,
      amount: totals.total,
      reason: isReturn ? "return" : "price",
      notes: isReturn
        ? "Devolución parcial de mercancía en mal estado / fuera de especificación"
        : "Corrección de precio pactado con el área comercial",
      related: [inv],
    };
    plan.creditNotes.push(nc);
    plan.applications.push({ sourceId: nc.id, targetId: inv.id, amount: nc.amount, appliedOn: date, phase: 1 });
    inv.remaining = inv.remaining.minus(totals.total);
    inv.creditedUntil = date;
  }

  // When each invoice gets paid (dates only; amounts come after rebates).
  for (const inv of plan.invoices) {
    const p = inv.account.spec.profile;
    if (inv.pue) {
      inv.portions = [{ date: inv.issueDate, share: 1 }];
      continue;
    }
    const snap = (d: string) => {
      const earliest = [d, addDays(inv.issueDate, 1), addDays(inv.creditedUntil, 1)].sort().at(-1)!;
      return nextWeekday(earliest, p.payDay);
    };
    let delay = Math.round(p.delayMean + (rng.next() * 2 - 1) * p.delaySpread);
    if (rng.chance(p.stuckRate)) {
      if (rng.chance(0.25)) {
        inv.keepOpen = true; // never paid
        continue;
      }
      delay = rng.int(120, 500); // paid very late, after collection efforts
    }
    const first = snap(addDays(inv.dueDate, delay));
    if (rng.chance(p.partialRate)) {
      const share = (40 + rng.int(0, 8) * 5) / 100;
      inv.portions = [
        { date: first, share },
        { date: snap(addDays(first, rng.int(14, 60))), share: 1 },
      ];
    } else {
      inv.portions = [{ date: first, share: 1 }];
    }
  }

  forceOpenItemsInEveryBucket(rng, plan.invoices, today);

  for (const account of accounts) {
    planRebates(rng, plan, account, byAccount.get(account.id) ?? [], today);
  }
  for (const account of accounts) {
    planPayments(rng, plan, account, byAccount.get(account.id) ?? [], today);
  }
  planReturnedCheques(rng, plan, accounts, today);
  planInterestAndAdjustments(rng, plan, accounts, byAccount, today);
  return plan;
}

const BUCKETS: { name: string; minDays: number; maxDays: number }[] = [
  { name: "current", minDays: -60, maxDays: 0 },
  { name: "d1_30", minDays: 1, maxDays: 30 },
  { name: "d31_60", minDays: 31, maxDays: 60 },
  { name: "d61_90", minDays: 61, maxDays: 90 },
  { name: "d91_180", minDays: 91, maxDays: 180 },
  { name: "d180_plus", minDays: 181, maxDays: 100_000 },
];

/** Unless the random behaviour already did, leave a few invoices unpaid in each aging bucket. */
function forceOpenItemsInEveryBucket(rng: Rng, invoices: PlannedInvoice[], today: string) {
  const isOpen = (inv: PlannedInvoice) => inv.keepOpen || !inv.portions.some((p) => p.share === 1 && p.date <= today);
  for (const bucket of BUCKETS) {
    const inBucket = invoices.filter((inv) => {
      const d = daysBetween(inv.dueDate, today);
      return !inv.pue && d >= bucket.minDays && d <= bucket.maxDays;
    });
    const open = inBucket.filter(isOpen).length;
    for (let k = open; k < 3 && inBucket.length > 0; k++) {
      const inv = rng.pick(inBucket);
      inv.keepOpen = true;
      inv.portions = [];
    }
  }
}

function quarterLabel(year: number, q: number) {
  return `${q}T ${year}`;
}

function planRebates(rng: Rng, plan: LedgerPlan, account: PlanAccount, invoices: PlannedInvoice[], today: string) {
  if (account.spec.segment === "small") return;
  const rate = account.spec.segment === "large" ? "0.015" : "0.01";
  const first = invoices[0]?.issueDate;
  if (!first) return;
  let year = Number(first.slice(0, 4));
  let q = Math.floor((Number(first.slice(5, 7)) - 1) / 3) + 1;
  for (;;) {
    const qStart = `${year}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
    const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, "0")}-01`;
    const date = addDays(next, rng.int(10, 30));
    if (date > today) break;
    const inQuarter = invoices.filter((i) => i.issueDate >= qStart && i.issueDate < next);
    const base = inQuarter.reduce((s, i) => s.plus(i.totals.subtotal), dec(0));
    if (base.greaterThan(0) && (account.spec.segment === "large" || rng.chance(0.7))) {
      const coop = rng.chance(0.2);
      const label = quarterLabel(year, q);
      const service = SERVICE_LINE[account.spec.country];
      const line: FiscalLineInput = {
        sku: coop ? "COOP-PUB" : "BON-VOL",
        description: coop
          ? `Apoyo de publicidad compartida ${label} (rebate co-op)`
          : `Bonificación por volumen de compra ${label} (rebate)`,
        unit: service.unit,
        productCode: service.productCode,
        unitCode: service.unitCode,
        quantity: "1",
        unitPrice: toMoney(base.times(rate)),
        taxRate: TAX_RATE[account.spec.country],
      };
      const totals = computeFiscalTotals([line]);
      const nc: PlannedCreditNote = {
        id: createId(),
        account,
        issueDate: date,
        time: rng.int(8 * 3600, 18 * 3600),
        lines: [line],
        totals,
        amount: totals.total,
        reason: "rebate",
        notes: coop
          ? `Bonificación por publicidad compartida (co-op) del ${label}, programa comercial ${year}`
          : `Bonificación (rebate) por volumen de compra del ${label}, programa comercial ${year}`,
        related: [],
      };
      plan.creditNotes.push(nc);
      // Recent rebates are often still waiting to be applied: a credit the customer sees on account.
      const leaveUnapplied = daysBetween(date, today) < 45 && rng.chance(0.5);
      let left = dec(totals.total);
      for (const inv of invoices) {
        if (leaveUnapplied || left.isZero()) break;
        if (inv.issueDate > date || inv.keepOpen || inv.pue) continue;
        if (inv.portions.length > 0 && inv.portions[0].date <= date) continue;
        if (inv.remaining.lessThanOrEqualTo(0)) continue;
        const amount = dec(inv.remaining).lessThan(left) ? inv.remaining : left;
        plan.applications.push({
          sourceId: nc.id,
          targetId: inv.id,
          amount: toMoney(amount),
          appliedOn: date,
          phase: 1,
        });
        inv.remaining = inv.remaining.minus(amount);
        left = left.minus(amount);
        nc.related.push(inv);
      }
    }
    if (q === 4) {
      year += 1;
      q = 1;
    } else q += 1;
  }
}

function paymentReference(rng: Rng, country: Country, form: string): string {
  const bank = rng.pick(BANKS[country]);
  if (form === "02") return `Cheque ${bank} núm. ${String(rng.int(1000, 999999)).padStart(6, "0")}`;
  if (form === "01") return `Depósito en efectivo ${bank} folio ${rng.int(100000, 999999)}`;
  if (country === "CO") return `${rng.pick(["PSE", "ACH"])} ${bank} ${rng.int(10_000_000, 99_999_999)}`;
  return `SPEI ${bank} clave de rastreo ${rng.hex(4).toUpperCase()}${rng.int(10_000_000, 99_999_999)}`;
}

function planPayments(rng: Rng, plan: LedgerPlan, account: PlanAccount, invoices: PlannedInvoice[], today: string) {
  const country = account.spec.country;
  // date → portions paid that day
  const runs = new Map<string, { inv: PlannedInvoice; amount: Decimal }[]>();
  for (const inv of invoices) {
    let left = inv.remaining;
    for (const portion of inv.portions) {
      if (portion.date > today || left.lessThanOrEqualTo(0)) break;
      const amount = portion.share >= 1 ? left : dec(toMoney(left.times(portion.share.toFixed(2))));
      if (amount.lessThanOrEqualTo(0)) continue;
      left = left.minus(amount);
      const list = runs.get(portion.date) ?? [];
      list.push({ inv, amount });
      runs.set(portion.date, list);
    }
  }
  const dates = [...runs.keys()].sort();
  const lastDate = dates.at(-1);
  for (const date of dates) {
    const items = runs.get(date)!;
    const pueOnly = items.every((i) => i.inv.pue);
    const form = pueOnly
      ? (items[0].inv.paymentForm ?? "03")
      : country === "MX"
        ? rng.chance(0.15)
          ? "02"
          : "03"
        : "03";
    let total = items.reduce((s, i) => s.plus(i.amount), dec(0));
    // A few payments round up or pay an advance: the excess stays on account, unapplied.
    const overpay = rng.chance(0.02) ? dec(rng.int(10, 200)).times(country === "MX" ? 100 : 20_000) : dec(0);
    // A few pay a little short (bank fees, rounding): an adjustment closes the difference.
    const short = !pueOnly && rng.chance(0.015) ? items.find((i) => i.amount.greaterThan(500)) : undefined;
    const shortBy = short ? dec(rng.int(1, 999)).dividedBy(100) : dec(0);
    total = total.plus(overpay).minus(shortBy);
    const payment: PlannedSimpleDocument = {
      id: createId(),
      account,
      kind: "payment",
      issueDate: date,
      amount: toMoney(total),
      notes: overpay.greaterThan(0) ? "Pago con anticipo: el excedente queda a cuenta del cliente" : null,
      reference: paymentReference(rng, country, form),
      paymentForm: form,
    };
    plan.others.push(payment);
    // Payments of the last few days are often not applied yet ("por aplicar").
    const recent = daysBetween(date, today) <= 4;
    if (
      (recent && rng.chance(0.4)) ||
      (account.spec.number === "MX-0001" && date === lastDate && daysBetween(date, today) <= 21)
    ) {
      payment.notes = "Pago recibido, pendiente de aplicar"; // its invoices stay open meanwhile
      continue;
    }
    for (const item of items) {
      const amount = item === short ? item.amount.minus(shortBy) : item.amount;
      plan.applications.push({
        sourceId: payment.id,
        targetId: item.inv.id,
        amount: toMoney(amount),
        appliedOn: date,
        phase: 1,
      });
    }
    if (short) {
      const adjustment: PlannedSimpleDocument = {
        id: createId(),
        account,
        kind: "adjustment",
        effect: "credit",
        issueDate: date,
        amount: toMoney(shortBy),
        notes: "Ajuste por diferencia en pago (comisión bancaria / redondeo)",
        reference: null,
        paymentForm: null,
      };
      plan.others.push(adjustment);
      plan.applications.push({
        sourceId: adjustment.id,
        targetId: short.inv.id,
        amount: adjustment.amount,
        appliedOn: date,
        phase: 1,
      });
    }
  }
}

/**
 * A returned cheque: its applications are reversed, the payment is consumed by a debit note for the
 * bounced amount, a 20% fee is charged (art. 193 LGTOC), and a transfer later pays the invoices again.
 * One for MX-0001 always, and rarely elsewhere in Mexico.
 */
function planReturnedCheques(rng: Rng, plan: LedgerPlan, accounts: PlanAccount[], today: string) {
  const appsBySource = new Map<string, PlannedApplication[]>();
  for (const a of plan.applications) {
    const list = appsBySource.get(a.sourceId) ?? [];
    list.push(a);
    appsBySource.set(a.sourceId, list);
  }
  const candidates = plan.others.filter(
    (d) =>
      d.kind === "payment" &&
      d.account.spec.country === "MX" &&
      (appsBySource.get(d.id)?.length ?? 0) > 0 &&
      daysBetween(d.issueDate, today) >= 40 &&
      daysBetween(d.issueDate, today) <= 400,
  );
  const chosen = new Set<PlannedSimpleDocument>();
  const mx1 = accounts.find((a) => a.spec.number === "MX-0001");
  const mx1Candidates = candidates.filter((c) => c.account === mx1 && daysBetween(c.issueDate, today) <= 200);
  if (mx1Candidates.length > 0)
    chosen.add(
      mx1Candidates.reduce((best, c) =>
        (appsBySource.get(c.id)?.length ?? 0) > (appsBySource.get(best.id)?.length ?? 0) ? c : best,
      ),
    );
  for (const c of candidates) if (c.account !== mx1 && rng.chance(0.004)) chosen.add(c);

  for (const payment of chosen) {
    const country = payment.account.spec.country;
    payment.paymentForm = "02";
    payment.reference = paymentReference(rng, country, "02");
    const bouncedOn = addDays(payment.issueDate, 3);
    const apps = appsBySource.get(payment.id)!;
    for (const app of apps)
      plan.reversals.push({
        application: app,
        reversedOn: bouncedOn,
        reason: "Cheque devuelto por fondos insuficientes",
      });
    const bounce: PlannedSimpleDocument = {
      id: createId(),
      account: payment.account,
      kind: "debit_note",
      issueDate: bouncedOn,
      amount: payment.amount,
      notes: `Cheque devuelto: se anula el pago ${payment.reference}`,
      reference: payment.reference,
      paymentForm: null,
    };
    const fee: PlannedSimpleDocument = {
      ...bounce,
      id: createId(),
      amount: toMoney(dec(payment.amount).times("0.20")),
      notes: `Indemnización del 20% por cheque devuelto (art. 193 LGTOC), ${payment.reference}`,
    };
    plan.others.push(bounce, fee);
    plan.applications.push({
      sourceId: payment.id,
      targetId: bounce.id,
      amount: payment.amount,
      appliedOn: bouncedOn,
      phase: 2,
    });
    const replacedOn = addDays(bouncedOn, rng.int(7, 20));
    if (replacedOn > today) continue;
    const paid = apps.reduce((s, a) => s.plus(a.amount), dec(0));
    const replacement: PlannedSimpleDocument = {
      id: createId(),
      account: payment.account,
      kind: "payment",
      issueDate: replacedOn,
      amount: toMoney(paid),
      notes: "Pago en sustitución de cheque devuelto",
      reference: paymentReference(rng, country, "03"),
      paymentForm: "03",
    };
    plan.others.push(replacement);
    for (const app of apps) {
      plan.applications.push({
        sourceId: replacement.id,
        targetId: app.targetId,
        amount: app.amount,
        appliedOn: replacedOn,
        phase: 2,
      });
    }
  }
}

/** Late-payment interest on invoices that stay unpaid, and a few charge adjustments (freight differences). */
function planInterestAndAdjustments(
  rng: Rng,
  plan: LedgerPlan,
  accounts: PlanAccount[],
  byAccount: Map<string, PlannedInvoice[]>,
  today: string,
) {
  for (const account of accounts) {
    for (const inv of byAccount.get(account.id) ?? []) {
      if (!inv.keepOpen || account.spec.segment === "large" || !rng.chance(0.3)) continue;
      const date = addDays(inv.dueDate, 60);
      if (date > today) continue;
      plan.others.push({
        id: createId(),
        account,
        kind: "debit_note",
        issueDate: date,
        amount: toMoney(dec(inv.amount).times("0.03")),
        notes: `Intereses moratorios sobre factura vencida (${inv.issueDate})`,
        reference: null,
        paymentForm: null,
      });
    }
    if (rng.chance(0.3)) {
      const date = addDays(today, -rng.int(5, 200));
      plan.others.push({
        id: createId(),
        account,
        kind: "adjustment",
        effect: "charge",
        issueDate: weekday(date) === 0 ? addDays(date, -1) : date,
        amount: toMoney(dec(rng.int(500, 5000)).times(account.spec.country === "MX" ? 1 : 200)),
        notes: "Ajuste por diferencia en flete no facturado",
        reference: null,
        paymentForm: null,
      });
    }
    // The demo's own customers always show a recent adjustment (the ones above fall where the draw puts
    // them, and some days none is in the last weeks); added after the draws, so nothing else moves.
    if (DEMO_ADJUSTMENT_ACCOUNTS.has(account.spec.number)) {
      const date = addDays(today, -21);
      plan.others.push({
        id: createId(),
        account,
        kind: "adjustment",
        effect: "charge",
        issueDate: weekday(date) === 0 ? addDays(date, -1) : date,
        amount: toMoney(dec(account.spec.country === "MX" ? 1850 : 370_000)),
        notes: "Ajuste por diferencia en flete no facturado",
        reference: null,
        paymentForm: null,
      });
    }
  }
}

/** The accounts the demo users sign in to (README), each given a charge adjustment three weeks old. */
const DEMO_ADJUSTMENT_ACCOUNTS = new Set(["MX-0001", "CO-0001"]);
