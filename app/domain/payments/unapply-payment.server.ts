// Unapplies one application of a confirmed registration's ledger payment: a reversal entry through the
// ledger's reverseApplication (the original stays; the amount goes back on account and the invoice
// reopens). Only applications whose source is this registration's payment are reachable from here.
import { and, eq, isNull } from "drizzle-orm";
import { applications, paymentRegistrations } from "#db/schema";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { reverseApplication } from "~/domain/ledger/apply-credits.server";
import { LedgerRuleError } from "~/domain/ledger/errors";
import type { DbOrTx } from "~/utils/db.server";
import { todayIn } from "~/utils/i18n";
import { PaymentRegistrationError } from "./registration-errors";

export async function unapplyPayment(
  db: DbOrTx,
  actor: Actor,
  input: { registrationId: string; applicationId: string; reason: string; timeZone: string; now: Date },
) {
  const [row] = await db
    .select({ id: applications.id, appliedOn: applications.appliedOn })
    .from(applications)
    .innerJoin(paymentRegistrations, eq(paymentRegistrations.paymentDocumentId, applications.sourceId))
    .where(
      and(
        eq(paymentRegistrations.id, input.registrationId),
        eq(applications.id, input.applicationId),
        isNull(applications.reversesId),
      ),
    );
  if (!row) throw new PaymentRegistrationError("application.not_found");
  const today = todayIn(input.timeZone, input.now);
  try {
    return await reverseApplication(db, actor, {
      applicationId: row.id,
      reversedOn: today > row.appliedOn ? today : row.appliedOn,
      reason: input.reason,
    });
  } catch (error) {
    if (error instanceof LedgerRuleError) throw new PaymentRegistrationError("application.not_found", error.message);
    throw error;
  }
}
