// A registration's cheque as its pages show it: status, deposit date, the cheque-protection check, each
// deposit with its outcome and fee, and (staff only) the cheque's audit history in words.
import { auditActionLabel } from "~/domain/audit/audit-labels";
import { getRegistrationCheque } from "~/domain/cheques/read-cheques.server";
import type { DbOrTx } from "~/utils/db.server";
import { formatDate, formattingLocale, getFixedT } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";

export async function presentRegistrationCheque(
  db: DbOrTx,
  registrationId: string,
  options: { language: "es" | "en"; staff: boolean },
) {
  const found = await getRegistrationCheque(db, registrationId);
  if (!found) return null;
  const t = getFixedT(options.language);
  const locale = formattingLocale(options.language, "MX");
  const { cheque: c } = found;
  return {
    id: c.id,
    number: c.number,
    bank: c.bank,
    status: c.status,
    depositDate: formatDate(c.depositDate, locale),
    followUp: c.followUpOn ? formatDate(c.followUpOn, locale) : null,
    protection:
      options.staff && c.protectionReference && c.protectionCheckedAt
        ? {
            reference: c.protectionReference,
            by: c.protectionCheckedBy ?? "",
            on: formatDate(c.protectionCheckedAt.toISOString().slice(0, 10), locale),
          }
        : null,
    deposits: found.deposits.map((d) => ({
      id: d.id,
      number: d.depositNo,
      date: formatDate(d.depositedOn, locale),
      status: d.status,
      reason: d.returnReason,
      fee: d.fee ? { id: d.fee.id, label: d.fee.label, amount: formatMoney(d.fee.amount, c.currency, locale) } : null,
    })),
    history: options.staff
      ? found.history.map((h) => ({
          id: h.id,
          at: h.occurredAt.toISOString(),
          actor: h.actorLabel,
          action: auditActionLabel(t, h.event.action),
        }))
      : [],
  };
}

export type PresentedCheque = NonNullable<Awaited<ReturnType<typeof presentRegistrationCheque>>>;
