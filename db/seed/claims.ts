// Demo claims: a few dozen on the demo customers' accounts (MX-0001…0004, CO-0001), in every status
// and level, each with its thread, written through the claims domain (raise, take, reply, request
// information, answer, escalate, resolve, withdraw, reopen) at driven times before `anchor`, so their
// deadlines, audit trail and scheduled SLA checks are what real use leaves. Deterministic for a given
// anchor: the same claims, texts and times every time. Claims left open past their deadline are
// escalated by the sweeper once the portal runs, as real ones would be.
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { accountGrants, customerAccounts, documents, scheduledTasks, users } from "#db/schema";
import { answerClaim, reopenClaim, withdrawClaim } from "~/domain/claims/customer-claim-actions.server";
import { escalateClaim } from "~/domain/claims/escalate-claim.server";
import { raiseClaim } from "~/domain/claims/raise-claim.server";
import type { StaffActor } from "~/domain/claims/staff-access.server";
import { replyToClaim, requestClaimInfo, resolveClaim, takeClaim } from "~/domain/claims/staff-claim-actions.server";
import { CLAIM_AREA_OF_TYPE, type ClaimType } from "~/domain/vocabulary";
import type { Db } from "~/utils/db.server";
import { createRng } from "./prng";

const SEED = 20_261_101;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEMO_ACCOUNTS = ["MX-0001", "MX-0002", "MX-0003", "MX-0004", "CO-0001"] as const;

/** What happens to one claim after it is raised, in order. */
type Step =
  | { do: "take" | "reply" | "request_info" | "answer" | "escalate" | "withdraw" | "reopen"; after: number }
  | { do: "resolve"; after: number; resolution: "accepted_full" | "accepted_partial" | "rejected" };

interface Script {
  /** How long before the anchor the claim is raised. */
  raisedBefore: number;
  steps: Step[];
}

// One of each story per account; the older, resolved ones feed the dashboard's months.
const SCRIPTS: Script[] = [
  { raisedBefore: 2 * HOUR, steps: [] },
  {
    raisedBefore: 30 * HOUR,
    steps: [
      { do: "take", after: HOUR },
      { do: "reply", after: 2 * HOUR },
    ],
  },
  {
    raisedBefore: 3 * DAY,
    steps: [
      { do: "take", after: HOUR },
      { do: "request_info", after: 3 * HOUR },
    ],
  },
  {
    raisedBefore: 4 * DAY,
    steps: [
      { do: "request_info", after: 2 * HOUR },
      { do: "answer", after: 20 * HOUR },
    ],
  },
  {
    raisedBefore: 5 * DAY,
    steps: [
      { do: "reply", after: 4 * HOUR },
      { do: "escalate", after: 6 * HOUR },
    ],
  },
  {
    raisedBefore: 8 * DAY,
    steps: [
      { do: "escalate", after: 3 * HOUR },
      { do: "escalate", after: 26 * HOUR },
      { do: "reply", after: 30 * HOUR },
    ],
  },
  {
    raisedBefore: 20 * DAY,
    steps: [
      { do: "take", after: HOUR },
      { do: "reply", after: 5 * HOUR },
      { do: "resolve", after: 26 * HOUR, resolution: "accepted_full" },
    ],
  },
  {
    raisedBefore: 45 * DAY,
    steps: [
      { do: "request_info", after: 6 * HOUR },
      { do: "answer", after: 30 * HOUR },
      { do: "escalate", after: 50 * HOUR },
      { do: "resolve", after: 75 * HOUR, resolution: "accepted_partial" },
    ],
  },
  {
    raisedBefore: 80 * DAY,
    steps: [
      { do: "reply", after: 20 * HOUR },
      { do: "resolve", after: 70 * HOUR, resolution: "rejected" },
    ],
  },
  {
    raisedBefore: 12 * DAY,
    steps: [
      { do: "reply", after: 3 * HOUR },
      { do: "withdraw", after: 30 * HOUR },
    ],
  },
  {
    raisedBefore: 10 * DAY,
    steps: [
      { do: "resolve", after: 10 * HOUR, resolution: "rejected" },
      { do: "reopen", after: 3 * DAY },
    ],
  },
];

const DESCRIPTIONS: Record<ClaimType, string[]> = {
  price_difference: [
    "El precio facturado no coincide con la lista pactada.",
    "Cobraron el precio anterior al descuento.",
  ],
  quantity_or_remission: ["Recibimos menos piezas de las facturadas.", "Falta la remisión firmada de la entrega."],
  damaged_or_returned: ["Parte del material llegó dañado; lo devolvimos.", "Devolvimos dos tarimas por defecto."],
  duplicate_charge: ["La factura aparece dos veces en el estado de cuenta."],
  rebate_not_applied: ["No se aplicó la bonificación del trimestre.", "Falta la publicidad compartida acordada."],
  credit_note_missing: ["Nos prometieron una nota de crédito que no ha llegado."],
  reinvoicing: ["Necesitamos refacturar con el uso de CFDI correcto."],
  payment_not_applied: ["Pagamos por transferencia y el pago no aparece aplicado."],
  other: ["Tenemos una duda sobre el saldo de la cuenta."],
};
const TYPES = Object.keys(DESCRIPTIONS) as ClaimType[];
const REPLIES = [
  "Gracias, lo estamos revisando con el área correspondiente.",
  "Recibimos la evidencia; te confirmamos en cuanto tengamos respuesta.",
  "Estamos validando contra la lista de precios vigente.",
];
const INFO_REQUESTS = ["¿Nos compartes la orden de compra?", "¿Puedes enviar la foto de la remisión firmada?"];
const ANSWERS = ["Adjunto la orden de compra 4521.", "Les envío la remisión por este medio."];

export async function seedDemoClaims(db: Db, options: { anchor: Date; log?: (msg: string) => void }) {
  const rng = createRng(SEED);
  const accounts = await db
    .select({ id: customerAccounts.id, number: customerAccounts.number, collectorId: customerAccounts.collectorId })
    .from(customerAccounts)
    .where(inArray(customerAccounts.number, [...DEMO_ACCOUNTS]))
    .orderBy(asc(customerAccounts.number));
  const staffRows = await db
    .select({ id: users.id, email: users.email, staffRole: users.staffRole, staffArea: users.staffArea })
    .from(users)
    .where(eq(users.kind, "staff"));
  const staffById = new Map(staffRows.map((u) => [u.id, u]));
  const asStaff = (u: (typeof staffRows)[number]): StaffActor => ({
    userId: u.id,
    label: u.email,
    staffRole: u.staffRole!,
    staffArea: u.staffArea ?? null,
  });
  const admin = staffRows.find((u) => u.staffRole === "admin");
  const supervisor = staffRows.find((u) => u.staffRole === "supervisor") ?? admin;
  let raised = 0;
  for (const account of accounts) {
    const [grant] = await db
      .select({ userId: accountGrants.userId, email: users.email })
      .from(accountGrants)
      .innerJoin(users, eq(users.id, accountGrants.userId))
      .where(and(eq(accountGrants.accountId, account.id), inArray(accountGrants.role, ["payer", "account_admin"])))
      .orderBy(asc(users.email))
      .limit(1);
    const collector = account.collectorId ? staffById.get(account.collectorId) : undefined;
    if (!grant || !collector || !admin) continue;
    const customer = { userId: grant.userId, label: grant.email, accountIds: [account.id] };
    const invoices = await db
      .select({ id: documents.id, openAmount: documents.openAmount })
      .from(documents)
      .where(
        and(
          eq(documents.accountId, account.id),
          eq(documents.kind, "invoice"),
          eq(documents.status, "issued"),
          gt(documents.openAmount, "100"),
        ),
      )
      .orderBy(asc(documents.issueDate), asc(documents.id))
      .limit(SCRIPTS.length);
    for (const [i, script] of SCRIPTS.entries()) {
      const type = TYPES[(i + raised) % TYPES.length];
      const invoice = invoices[i];
      const start = new Date(options.anchor.getTime() - script.raisedBefore);
      const claim = await raiseClaim(
        db,
        customer,
        {
          accountId: account.id,
          type,
          origin: invoice ? "invoice" : "general",
          description: rng.pick(DESCRIPTIONS[type]),
          // Whole pesos, at most a third of what is open: deterministic and always within the rule.
          documents: invoice
            ? [{ documentId: invoice.id, amount: String(Math.max(1, Math.floor(Number(invoice.openAmount) / 3))) }]
            : [],
        },
        { now: start },
      );
      raised += 1;
      let version = claim.version;
      // Who acts at each level: the collector, the supervisor, the owning area (or admin if none).
      const areaOwner =
        staffRows.find((u) => u.staffRole === "area_owner" && u.staffArea === CLAIM_AREA_OF_TYPE[type]) ?? admin;
      const holders = [collector, supervisor ?? admin, areaOwner];
      let level = 1;
      for (const step of script.steps) {
        const now = new Date(start.getTime() + step.after);
        const staff = asStaff(holders[level - 1]);
        const id = claim.id;
        let next;
        switch (step.do) {
          case "take":
            next = await takeClaim(db, staff, { claimId: id, version }, { now });
            break;
          case "reply":
            next = await replyToClaim(db, staff, { claimId: id, version, body: rng.pick(REPLIES) }, { now });
            break;
          case "request_info":
            next = await requestClaimInfo(db, staff, { claimId: id, version, body: rng.pick(INFO_REQUESTS) }, { now });
            break;
          case "answer":
            next = await answerClaim(db, customer, { claimId: id, version, body: rng.pick(ANSWERS) }, { now });
            break;
          case "escalate":
            next = await escalateClaim(db, staff, { claimId: id, version, reason: "Requiere autorización" }, { now });
            level += 1;
            break;
          case "withdraw":
            next = await withdrawClaim(db, customer, { claimId: id, version, reason: "Ya quedó aclarado" }, { now });
            break;
          case "reopen":
            next = await reopenClaim(db, customer, { claimId: id, version, reason: "Sigue sin corregirse" }, { now });
            break;
          case "resolve":
            next = await resolveClaim(
              db,
              staff,
              {
                claimId: id,
                version,
                resolution: step.resolution,
                reason: step.resolution === "accepted_full" ? undefined : "Revisado con el área; ver detalle.",
                acceptedAmount: step.resolution === "accepted_partial" ? "1.00" : undefined,
              },
              { now },
            );
            break;
        }
        version = "claim" in next ? next.claim.version : next.version;
      }
    }
  }
  // The stories' emails (receipts, replies, escalations) are history, not news: the demo starts without
  // a hundred of them waiting in the outbox (and the e2e mailbox starts empty of them).
  await db
    .update(scheduledTasks)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(and(eq(scheduledTasks.kind, "claim.email"), eq(scheduledTasks.status, "pending")));
  options.log?.(`seed: ${raised} demo claims`);
  return { claims: raised };
}
