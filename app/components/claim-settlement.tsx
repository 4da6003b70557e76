// The settlement parts of the claim pages: the outcome (what settled the claim, with a link to the
// credit note or the new invoice), and the staff controls that choose a settlement when resolving and
// reassign the claim.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CLAIM_SETTLEMENT_KINDS, type ClaimSettlementKind, type Currency } from "~/domain/vocabulary";
import { formatMoney } from "~/utils/money";

export interface ClaimOutcomeData {
  kind: ClaimSettlementKind;
  documentId: string;
  document: string;
  cancelled: string | null;
  amount: string;
  currency: Currency;
}

const selectClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/** What settled the claim; `href` is the settling document's page on the reader's side. */
export function ClaimOutcome({
  settlement,
  href,
  locale,
}: {
  settlement: ClaimOutcomeData;
  href: string;
  locale: string;
}) {
  const { t } = useTranslation();
  const amount = formatMoney(settlement.amount, settlement.currency, locale);
  return (
    <section
      aria-labelledby="claim-outcome"
      className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-slate-900"
    >
      <h2 id="claim-outcome" className="font-medium">
        {t("claims.outcome")}
      </h2>
      <p>
        {t(`claims.outcomeDocument.${settlement.kind}`, {
          document: settlement.document,
          cancelled: settlement.cancelled ?? "",
          amount,
        })}
      </p>
      <p>
        <Link to={href} className="font-medium text-brand-700 underline">
          {t("claims.openDocument", { document: settlement.document })}
        </Link>
      </p>
    </section>
  );
}

/** The resolve form's choice of settlement (none by default). */
export function SettlementSelect() {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor="claim-settlement" className="block text-sm font-medium text-slate-800">
        {t("claims.settlement")}
      </label>
      <select
        id="claim-settlement"
        name="settlement"
        className={selectClass}
        defaultValue=""
        aria-describedby="claim-settlement-hint"
      >
        <option value="">{t("claims.settlementNone")}</option>
        {CLAIM_SETTLEMENT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`claims.settlements.${k}`)}
          </option>
        ))}
      </select>
      <p id="claim-settlement-hint" className="mt-1 text-xs text-slate-600">
        {t("claims.settlementHint")}
      </p>
    </div>
  );
}

/** The reassign form's choice of staff member (those who reach the claim's account). */
export function AssigneeSelect({ assignees }: { assignees: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <div>
      <label htmlFor="claim-assignee" className="block text-sm font-medium text-slate-800">
        {t("claims.reassignTo")}
      </label>
      <select id="claim-assignee" name="assigneeId" className={selectClass} required>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}
