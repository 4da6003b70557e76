// Demo minutes: each demo customer (Elena on MX-0001, Ricardo on the group's MX-0002…MX-0004, Camila
// on CO-0001) has minutes in every state, written through the signing domain at driven times before
// `anchor`: a draft the collector has not sent yet (the customer does not see it), minutes sent and
// waiting for the signature, minutes with corrections proposed and not yet answered, and minutes
// signed and sealed (a real PAdES file, as the reconciliations' seed seals them), so each customer
// has one to download and verify. Two agreements are payment promises: the signed minutes of MX-0003
// made theirs a promise on the account at the signature; the ones waiting on MX-0001 and CO-0001
// become a promise when the customer signs them in the demo. The attendee is the demo customer; the
// sends go through sendMinutesInTransaction, so no email leaves (history, not news).
import { and, asc, eq, gt } from "drizzle-orm";
import { accountGrants, customerAccounts, documents, sellers, users } from "#db/schema";
import { proposeMinutesCorrections } from "~/domain/signing/propose-minutes-corrections.server";
import { recordEnvelopeView } from "~/domain/signing/record-envelope-view.server";
import { recordMinutes } from "~/domain/signing/record-minutes.server";
import { sealEnvelope } from "~/domain/signing/seal-envelope.server";
import { sendMinutesInTransaction } from "~/domain/signing/send-minutes.server";
import { signMinutes } from "~/domain/signing/sign-minutes.server";
import type { MeetingChannel } from "~/domain/vocabulary";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { getFixedT, todayIn } from "~/utils/i18n";
import { DEMO_PASSWORD } from "./demo-credentials";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type DemoMinutesState = "draft" | "sent" | "corrections_requested" | "signed";

export interface DemoMinutesStory {
  account: string;
  customer: string;
  state: DemoMinutesState;
  /** When the meeting was recorded, before the anchor; sent an hour later (unless a draft). */
  recordedBefore: number;
  /** Signed or corrected this long after it was sent. */
  answeredAfter?: number;
  channel: MeetingChannel;
  place: string;
  topics: { title: string; notes: string }[];
  agreements: { text: string; owner: string; dueInDays: number }[];
  /** A payment-promise agreement of the account's oldest open invoice, due this many days after the anchor. */
  promiseDueInDays?: number;
  correction?: { targetId: string; text: string };
}

const ELENA = "compras@ferreteria-lopez.mx";
const RICARDO = "tesoreria@grupo-constructor.mx";
const CAMILA = "pagos@distribuidora-andina.co";

// Oldest first (their numbers follow).
export const DEMO_MINUTES: DemoMinutesStory[] = [
  {
    account: "MX-0001",
    customer: ELENA,
    state: "signed",
    recordedBefore: 20 * DAY,
    answeredAfter: 2 * DAY,
    channel: "meeting",
    place: "Oficinas de Ferretería López, Monterrey",
    topics: [
      { title: "Saldo vencido del trimestre", notes: "Revisamos las facturas con más de 60 días." },
      { title: "Complementos de pago", notes: "El cliente pidió los complementos de los pagos de agosto." },
    ],
    agreements: [
      { text: "Enviar los complementos de pago de agosto", owner: "Cobranza", dueInDays: -15 },
      { text: "Confirmar por correo los pagos de la semana", owner: "Compras del cliente", dueInDays: -12 },
    ],
  },
  {
    account: "MX-0003",
    customer: RICARDO,
    state: "signed",
    recordedBefore: 4 * DAY,
    answeredAfter: 1 * DAY,
    channel: "video",
    place: "Videollamada (Meet)",
    topics: [{ title: "Factura vencida de la obra Norte", notes: "El grupo pagará la factura más antigua." }],
    agreements: [{ text: "Enviar el comprobante del pago", owner: "Tesorería del grupo", dueInDays: 11 }],
    promiseDueInDays: 10,
  },
  {
    account: "CO-0001",
    customer: CAMILA,
    state: "signed",
    recordedBefore: 12 * DAY,
    answeredAfter: 1 * DAY,
    channel: "call",
    place: "Llamada con tesorería",
    topics: [{ title: "Conciliación de retenciones", notes: "Revisamos las retenciones de ICA del mes." }],
    agreements: [{ text: "Enviar los certificados de retención", owner: "Tesorería del cliente", dueInDays: -5 }],
  },
  {
    account: "MX-0001",
    customer: ELENA,
    state: "corrections_requested",
    recordedBefore: 6 * DAY,
    answeredAfter: 1 * DAY,
    channel: "call",
    place: "Llamada con compras",
    topics: [{ title: "Nota de crédito por devolución", notes: "Mercancía devuelta del pedido 4471." }],
    agreements: [{ text: "Emitir la nota de crédito de la devolución", owner: "Crédito", dueInDays: 5 }],
    correction: { targetId: "A1", text: "La devolución fue de 12 piezas, no de 10; la nota debe ser por el total." },
  },
  {
    account: "MX-0002",
    customer: RICARDO,
    state: "corrections_requested",
    recordedBefore: 5 * DAY,
    answeredAfter: 2 * DAY,
    channel: "meeting",
    place: "Obra Sur, oficina de residencia",
    topics: [{ title: "Estimaciones pendientes de aprobar", notes: "Tres estimaciones esperan firma del residente." }],
    agreements: [{ text: "Aprobar las estimaciones pendientes", owner: "Residencia de obra", dueInDays: 7 }],
    correction: { targetId: "T1", text: "Son dos estimaciones pendientes; la tercera ya se aprobó." },
  },
  {
    account: "CO-0001",
    customer: CAMILA,
    state: "corrections_requested",
    recordedBefore: 4 * DAY,
    answeredAfter: 1 * DAY,
    channel: "video",
    place: "Videollamada (Teams)",
    topics: [{ title: "Cupo de crédito", notes: "El cliente pidió ampliar el cupo para diciembre." }],
    agreements: [{ text: "Estudiar la ampliación del cupo", owner: "Crédito", dueInDays: 6 }],
    correction: { targetId: "A1", text: "Quedamos en que la respuesta sería antes del 15." },
  },
  {
    account: "MX-0004",
    customer: RICARDO,
    state: "sent",
    recordedBefore: 3 * DAY,
    channel: "call",
    place: "Llamada con tesorería",
    topics: [{ title: "Calendario de pagos de fin de año", notes: "Pagos en las dos últimas semanas." }],
    agreements: [{ text: "Enviar el calendario de pagos", owner: "Tesorería del grupo", dueInDays: 4 }],
  },
  {
    account: "MX-0001",
    customer: ELENA,
    state: "sent",
    recordedBefore: 1 * DAY,
    channel: "meeting",
    place: "Oficinas de Ferretería López, Monterrey",
    topics: [
      { title: "Factura más antigua", notes: "El cliente se compromete a pagarla completa." },
      { title: "Pedidos de diciembre", notes: "" },
    ],
    agreements: [{ text: "Revisar el límite de crédito para diciembre", owner: "Crédito", dueInDays: 8 }],
    promiseDueInDays: 7,
  },
  {
    account: "CO-0001",
    customer: CAMILA,
    state: "sent",
    recordedBefore: 2 * DAY,
    channel: "call",
    place: "Llamada con pagos",
    topics: [{ title: "Factura vencida", notes: "Pago por transferencia a la cuenta de Bancolombia." }],
    agreements: [],
    promiseDueInDays: 5,
  },
  {
    account: "MX-0001",
    customer: ELENA,
    state: "draft",
    recordedBefore: 2 * HOUR,
    channel: "call",
    place: "Llamada con compras",
    topics: [{ title: "Cambio de contacto de pagos", notes: "Nuevo correo para los avisos de pago." }],
    agreements: [{ text: "Actualizar el contacto de pagos", owner: "Cobranza", dueInDays: 2 }],
  },
  {
    account: "MX-0002",
    customer: RICARDO,
    state: "draft",
    recordedBefore: 3 * HOUR,
    channel: "meeting",
    place: "Oficinas del grupo",
    topics: [{ title: "Retenciones de garantía", notes: "Cuándo se liberan las retenciones de la obra Sur." }],
    agreements: [],
  },
  {
    account: "CO-0001",
    customer: CAMILA,
    state: "draft",
    recordedBefore: 1 * HOUR,
    channel: "video",
    place: "Videollamada (Teams)",
    topics: [{ title: "Facturación electrónica", notes: "Errores de validación de la DIAN en dos facturas." }],
    agreements: [{ text: "Reexpedir las dos facturas", owner: "Facturación", dueInDays: 3 }],
  },
];

export async function seedDemoMinutes(db: Db, options: { anchor: Date; log?: (msg: string) => void }) {
  const t = getFixedT("es");
  const accounts = await db
    .select({
      id: customerAccounts.id,
      number: customerAccounts.number,
      collectorId: customerAccounts.collectorId,
      timeZone: sellers.timeZone,
    })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId));
  const byNumber = new Map(accounts.map((a) => [a.number, a]));
  const written: Record<DemoMinutesState, number> = { draft: 0, sent: 0, corrections_requested: 0, signed: 0 };
  for (const story of DEMO_MINUTES) {
    const account = byNumber.get(story.account);
    if (!account?.collectorId) continue;
    const [collector] = await db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, account.collectorId));
    const [customer] = await db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(accountGrants)
      .innerJoin(users, eq(users.id, accountGrants.userId))
      .where(and(eq(accountGrants.accountId, account.id), eq(users.email, story.customer)));
    if (!collector || !customer) continue;
    const staff = { userId: collector.id, label: collector.email, ip: "192.0.2.20", userAgent: "Cartera demo" };
    const signer = { userId: customer.id, label: customer.email, ip: "192.0.2.30", userAgent: "Cartera demo" };
    const recordedAt = new Date(options.anchor.getTime() - story.recordedBefore);
    const sentAt = new Date(recordedAt.getTime() + HOUR);
    const anchorDay = todayIn(account.timeZone, options.anchor);
    const agreements = story.agreements.map((a) => ({
      text: a.text,
      owner: a.owner,
      dueDate: addDays(anchorDay, a.dueInDays),
      promiseItems: [] as { documentId: string; amount: string }[],
    }));
    if (story.promiseDueInDays !== undefined) {
      const [oldest] = await db
        .select({ id: documents.id, series: documents.series, folio: documents.folio, open: documents.openAmount })
        .from(documents)
        .where(
          and(
            eq(documents.accountId, account.id),
            eq(documents.effect, "charge"),
            eq(documents.status, "issued"),
            gt(documents.openAmount, "0"),
          ),
        )
        .orderBy(asc(documents.dueDate), asc(documents.id))
        .limit(1);
      if (oldest)
        agreements.push({
          text: `Pagar la factura ${oldest.series ? `${oldest.series}-` : ""}${oldest.folio} completa`,
          owner: customer.name,
          dueDate: addDays(anchorDay, story.promiseDueInDays),
          promiseItems: [{ documentId: oldest.id, amount: oldest.open }],
        });
    }
    const recorded = await recordMinutes(
      db,
      staff,
      {
        accountId: account.id,
        meetingDate: addDays(todayIn(account.timeZone, recordedAt), -1),
        channel: story.channel,
        place: story.place,
        customerAttendeeIds: [customer.id],
        sellerAttendees: [collector.name, "Gerencia de crédito"],
        topics: story.topics,
        agreements,
      },
      { now: recordedAt },
    );
    written[story.state] += 1;
    if (story.state === "draft") continue;
    await db.transaction((tx) => sendMinutesInTransaction(tx, staff, recorded.id, sentAt));
    if (story.state === "sent") continue;
    const answeredAt = new Date(sentAt.getTime() + (story.answeredAfter ?? HOUR));
    await recordEnvelopeView(
      db,
      signer,
      { id: recorded.id, accountId: account.id },
      { now: new Date(answeredAt.getTime() - HOUR) },
    );
    if (story.state === "corrections_requested") {
      await proposeMinutesCorrections(
        db,
        signer,
        {
          envelopeId: recorded.id,
          accountIds: [account.id],
          contentSha256: recorded.contentSha256,
          items: [
            {
              target: story.correction!.targetId.startsWith("T") ? "topic" : "agreement",
              targetId: story.correction!.targetId,
              text: story.correction!.text,
            },
          ],
        },
        { now: answeredAt },
      );
      continue;
    }
    await signMinutes(
      db,
      signer,
      {
        envelopeId: recorded.id,
        accountIds: [account.id],
        form: {
          intent: "sign",
          contentSha256: recorded.contentSha256,
          password: DEMO_PASSWORD,
          typedName: customer.name,
          consent: "on",
        },
        consentText: t("minutes.consent"),
        promiseNote: t("minutes.promiseNote", { number: recorded.number }),
      },
      { now: answeredAt },
    );
    await sealEnvelope(db, recorded.id, { now: new Date(answeredAt.getTime() + 60_000), baseUrl: appBaseUrl() });
  }
  options.log?.(
    `seed: ${DEMO_MINUTES.length} demo minutes (${Object.entries(written)
      .map(([state, n]) => `${n} ${state}`)
      .join(", ")})`,
  );
  return { minutes: written };
}
