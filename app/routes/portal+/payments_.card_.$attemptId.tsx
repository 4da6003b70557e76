// Where Stripe sends the customer back (paid or cancelled), and the page of one card payment: what it
// pays, its state in words, and what to do next. While it is open or processing, the page re-reads the
// session from Stripe (the webhook may not have arrived yet), so a paid session shows paid at once.
// The attempt is looked up within the customer's own accounts: anyone else's is not found.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";
import { TableHead } from "~/components/ui/table";
import { getCardPayment } from "~/domain/payments/read-card-payments.server";
import { syncCardPayment } from "~/domain/payments/sync-card-payment.server";
import { requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { notFound, requireCustomerContext } from "~/utils/permissions.server";
import { cardPaymentsEnabled, getStripe } from "~/utils/stripe.server";

export const meta = pageTitle("titles.cardPayment");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const attemptId = requireIdParam(params.attemptId);
  const scope = await requirePortalScope(request);
  // Every account the customer holds, not only the selected one: the link in the return URL must work
  // whatever the switcher shows.
  const { grants } = await requireCustomerContext(request);
  const accountIds = grants.map((g) => g.accountId);
  const db = await getDb();
  let found = await getCardPayment(db, accountIds, attemptId);
  if (!found) notFound();
  const { attempt } = found;
  if (
    cardPaymentsEnabled() &&
    attempt.stripeSessionId &&
    (attempt.status === "open" || attempt.status === "processing")
  ) {
    try {
      const synced = await syncCardPayment(db, getStripe(), attempt.stripeSessionId, scope.actor);
      if (synced?.changed) found = (await getCardPayment(db, accountIds, attemptId)) ?? found;
    } catch (error) {
      // Stripe unreachable: the page shows what we know; the webhook will bring the rest.
      console.warn(
        `[cartera] re-reading Checkout Session ${attempt.stripeSessionId} failed:`,
        (error as Error).message,
      );
    }
  }
  const current = found.attempt;
  const money = (amount: string) => formatMoney(amount, current.currency, scope.locale);
  const stillOpen = current.status === "open" && current.expiresAt !== null && current.expiresAt > new Date();
  return {
    id: current.id,
    status: current.status,
    amount: money(current.amount),
    refunded: current.refundedAmount !== "0.00" ? money(current.refundedAmount) : null,
    reference: current.stripePaymentIntentId,
    checkoutUrl: stillOpen && cardPaymentsEnabled() ? current.checkoutUrl : null,
    retryDocuments: found.items.filter((i) => i.open !== "0.00").map((i) => i.documentId),
    items: found.items.map((i) => ({
      documentId: i.documentId,
      label: `${i.series}-${i.folio}`,
      kind: i.kind,
      amount: money(i.amount),
      open: money(i.open),
    })),
  };
}

export default function CardPaymentStatus() {
  const { t } = useTranslation();
  const p = useLoaderData<typeof loader>();
  const tone =
    p.status === "paid"
      ? "border-green-200 bg-green-50 text-green-900"
      : p.status === "failed" || p.status === "expired"
        ? "border-red-200 bg-red-50 text-red-900"
        : "border-amber-200 bg-amber-50 text-amber-900";
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("cardPayments.statusTitle", { amount: p.amount })}</h1>
        <p role="status" className={`mt-2 rounded-md border p-3 ${tone}`}>
          <strong>{t(`cardPayments.status.${p.status}`)}</strong> — {t(`cardPayments.statusExplained.${p.status}`)}
          {p.refunded ? ` ${t("cardPayments.refundedAmount", { amount: p.refunded })}` : null}
        </p>
        {p.reference ? (
          <p className="mt-2 text-sm text-slate-600">{t("cardPayments.reference", { reference: p.reference })}</p>
        ) : null}
      </div>
      <table className="w-full text-sm">
        <caption className="text-left font-medium text-slate-800">{t("cardPayments.itemsCaption")}</caption>
        <TableHead
          className=""
          rowClassName="border-b border-slate-200 text-left text-slate-600"
          cellClassName="py-2"
          columns={[
            { label: t("cardPayments.document"), className: "pr-2" },
            { label: t("cardPayments.amount"), align: "right", className: "pr-2" },
            { label: t("cardPayments.openNow"), align: "right" },
          ]}
        />
        <tbody>
          {p.items.map((i) => (
            <tr key={i.documentId} className="border-b border-slate-100">
              <td className="py-2 pr-2">
                <Link to={`/portal/documents/${i.documentId}`} className="underline">
                  {t(`documents.kinds.${i.kind}`)} {i.label}
                </Link>
              </td>
              <td className="py-2 pr-2 text-right">{i.amount}</td>
              <td className="py-2 text-right">{i.open}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-2">
        {p.checkoutUrl ? (
          <a href={p.checkoutUrl} className={buttonClass("primary")}>
            {t("cardPayments.continue")}
          </a>
        ) : null}
        {(p.status === "failed" || p.status === "expired" || p.status === "open") && p.retryDocuments.length > 0 ? (
          <Link
            to={`/portal/payments/card?documents=${p.retryDocuments.join(",")}`}
            className={buttonClass("secondary")}
          >
            {t("cardPayments.retry")}
          </Link>
        ) : null}
        <Link to="/portal/payments" className={buttonClass("secondary")}>
          {t("cardPayments.toPayments")}
        </Link>
      </div>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
