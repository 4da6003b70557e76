// One invoice or note: fiscal data, lines, remissions, applications with the open amount after each,
// related documents and downloads.
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DisputedBadge } from "~/components/disputed-badge";
import { StatusBadge } from "~/components/status-badge";
import { buttonClass } from "~/components/ui/button";
import { TableHead } from "~/components/ui/table";
import { formatDate, formatQuantity } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";
import type { DocumentDetailData } from "./document-detail.server";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id={id} className="border-b border-slate-100 px-4 py-3 font-medium text-slate-900">
        {title}
      </h2>
      {/* The scroller is a group named like its section (one region per section for landmarks and tests). */}
      <div
        className="overflow-x-auto"
        role="group"
        aria-labelledby={id}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a table that scrolls sideways (phones) must take focus or a keyboard cannot scroll it (axe: scrollable-region-focusable)
        tabIndex={id === "fiscal" ? undefined : 0}
      >
        {children}
      </div>
    </section>
  );
}

const th = "px-4 py-2 font-medium";
const td = "px-4 py-2";

export function Page() {
  const { t } = useTranslation();
  const { detail: d, basePath, locale, payByCard, receipts } = useLoaderData<DocumentDetailData>();
  const money = (v: string) => formatMoney(v, d.currency, locale);
  const hasXml = d.files.some((f) => f.role === "xml");
  // A customer disputes one line of an invoice from the line itself ("Aclarar").
  const disputeLines = basePath === "/portal" && d.kind === "invoice" && d.status !== "cancelled";
  // The list's filters, carried by the list's link ("?back=tab=notes&status=overdue"): re-read as
  // search params so nothing but a query string reaches the link.
  const back = new URLSearchParams(useLocation().search).get("back");
  const backParams = back ? new URLSearchParams(back) : null;
  const backSearch = backParams && backParams.size > 0 ? `?${backParams}` : "";
  return (
    <div className="space-y-6">
      <Link
        to={
          d.kind === "payment"
            ? `${basePath}/payments${backSearch}`
            : `${basePath}/invoices${backSearch || (d.kind === "invoice" ? "" : d.kind === "adjustment" ? "?tab=adjustments" : "?tab=notes")}`
        }
        className="text-sm text-brand-700 underline underline-offset-2 hover:no-underline"
      >
        ← {t("document.back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">{t(`documents.kinds.${d.kind}`)}</p>
          <h1 className="text-2xl font-semibold text-slate-900">{d.serieFolio}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-700">
            <StatusBadge status={d.status} />
            {d.disputed ? <DisputedBadge amount={d.disputed} currency={d.currency} locale={locale} /> : null}
            <span>
              {t("documents.issueDate")}: {formatDate(d.issueDate, locale)} · {t("documents.dueDate")}:{" "}
              {formatDate(d.dueDate, locale)}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link reloadDocument to={`${basePath}/documents/${d.id}/pdf`} className={buttonClass("primary")}>
            {t("document.downloadPdf")}
          </Link>
          {hasXml ? (
            <Link reloadDocument to={`${basePath}/documents/${d.id}/xml`} className={buttonClass("secondary")}>
              {t("document.downloadXml")}
            </Link>
          ) : null}
          {payByCard && d.effect === "charge" && d.open !== "0.00" && d.status !== "cancelled" ? (
            <Link to={`/portal/payments/card?documents=${d.id}`} className={buttonClass("secondary")}>
              {t("cardPayments.payDocument")}
            </Link>
          ) : null}
          {basePath === "/portal" ? (
            <Link to={`/portal/claims/new?documentId=${d.id}`} className={buttonClass("secondary")}>
              {t("claims.dispute")}
            </Link>
          ) : null}
        </div>
      </div>

      {d.disputed ? (
        <p
          data-testid="disputed-note"
          className="rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900"
        >
          {t("document.disputedNote", { amount: money(d.disputed) })}{" "}
          {d.disputedClaims.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? ", " : ""}
              <Link
                to={`${basePath === "/portal" ? "/portal" : "/staff"}/claims/${c.id}`}
                className="font-medium underline underline-offset-2 hover:no-underline"
              >
                {t("claims.number", { number: c.number })}
              </Link>
            </span>
          ))}
        </p>
      ) : null}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          [t("document.total"), money(d.amount)],
          [t("document.openAmount"), money(d.open)],
          [t("document.subtotal"), d.subtotal ? money(d.subtotal) : "—"],
          [t("document.taxes"), d.taxTotal ? money(d.taxTotal) : "—"],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      <Section id="fiscal" title={t("document.fiscal")}>
        <dl className="grid gap-x-6 gap-y-3 p-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{d.country === "CO" ? t("document.cufe") : t("document.fiscalId")}</dt>
            <dd className="break-all font-mono">{d.fiscalId ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-600">
              {t("document.paymentMethod")} / {t("document.paymentForm")}
            </dt>
            <dd>
              {d.paymentMethod ?? "—"} / {d.paymentForm ?? "—"}
            </dd>
          </div>
          {[
            [t("document.seller"), d.seller],
            [t("document.customer"), d.customer],
          ].map(([label, party]) => {
            const p = party as typeof d.seller;
            return (
              <div key={label as string}>
                <dt className="text-slate-600">{label as string}</dt>
                <dd>
                  {p.legalName}
                  <br />
                  {t("document.taxId")}: {p.taxId} · {t("document.regime")}: {p.taxRegime} · {t("document.postalCode")}:{" "}
                  {p.postalCode}
                </dd>
              </div>
            );
          })}
          {d.purchaseOrder ? (
            <div>
              <dt className="text-slate-600">{t("documents.purchaseOrder")}</dt>
              <dd>{d.purchaseOrder}</dd>
            </div>
          ) : null}
        </dl>
      </Section>

      {d.lines.length > 0 ? (
        <Section id="lines" title={t("document.lines")}>
          <table className="min-w-full text-sm">
            <TableHead
              cellClassName={th}
              columns={[
                { label: t("document.description") },
                { label: t("document.quantity"), align: "right" },
                { label: t("document.unit") },
                { label: t("document.unitPrice"), align: "right" },
                { label: t("document.taxes"), align: "right" },
                { label: t("document.total"), align: "right" },
                ...(disputeLines ? [{ label: <span className="sr-only">{t("claims.disputeLine")}</span> }] : []),
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {d.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td className={td}>
                    {l.description} <span className="text-xs text-slate-500">{l.sku}</span>
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{formatQuantity(l.quantity, locale)}</td>
                  <td className={td}>{l.unit}</td>
                  <td className={`${td} text-right tabular-nums`}>{money(l.unitPrice)}</td>
                  <td className={`${td} text-right tabular-nums`}>{money(l.tax)}</td>
                  <td className={`${td} text-right tabular-nums`}>{money(l.total)}</td>
                  {disputeLines ? (
                    <td className={td}>
                      <Link
                        to={`/portal/claims/new?documentId=${d.id}&lineId=${l.id}`}
                        className="text-brand-700 underline underline-offset-2 hover:no-underline"
                        aria-label={t("claims.disputeLineFor", { line: l.lineNo, description: l.description })}
                      >
                        {t("claims.disputeLine")}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}

      {d.remissions.length > 0 ? (
        <Section id="remissions" title={t("document.remissions")}>
          <table className="min-w-full text-sm">
            <TableHead
              cellClassName={th}
              columns={[
                { label: t("document.remissionNumber") },
                { label: t("document.deliveryDate") },
                { label: t("document.receivedBy") },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {d.remissions.map((r) => (
                <tr key={r.number}>
                  <td className={td}>{r.number}</td>
                  <td className={td}>{formatDate(r.deliveryDate, locale)}</td>
                  <td className={td}>{r.receivedBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}

      <Section id="applications" title={t("document.applications")}>
        {d.applications.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{t("document.noApplications")}</p>
        ) : (
          <table className="min-w-full text-sm">
            <TableHead
              cellClassName={th}
              columns={[
                { label: t("document.appliedOn") },
                { label: t("document.appliedDocument") },
                { label: t("document.appliedAmount"), align: "right" },
                { label: t("document.openAfter"), align: "right" },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {d.applications.map((a) => (
                <tr key={a.id}>
                  <td className={td}>{formatDate(a.appliedOn, locale)}</td>
                  <td className={td}>
                    {t(`documents.kinds.${a.counterpart.kind}`)} {a.counterpart.serieFolio}
                    {a.isReversal ? (
                      <span className="ml-2 rounded bg-red-50 px-1.5 text-xs text-red-800">
                        {t("document.reversal")}
                      </span>
                    ) : null}
                    {a.reason ? <span className="block text-xs text-slate-500">{a.reason}</span> : null}
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{money(a.amount)}</td>
                  <td className={`${td} text-right tabular-nums`}>{money(a.openAfter)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      {receipts.length > 0 ? (
        <Section id="reps" title={t("registrations.reps")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {receipts.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <span>
                  {r.series}-{r.folio} · {t("registrations.instalment", { n: r.instalment })} · {money(r.paid)} ·{" "}
                  {t("registrations.balanceAfter")} {money(r.balanceAfter)}
                </span>
                <span className="flex gap-3">
                  <Link reloadDocument to={r.xml} className="text-brand-700 underline underline-offset-2">
                    {t("registrations.repXml")}
                  </Link>
                  <Link reloadDocument to={r.pdf} className="text-brand-700 underline underline-offset-2">
                    {t("registrations.repPdf")}
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {d.related.length > 0 ? (
        <Section id="related" title={t("document.related")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {d.related.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                <span>
                  {t(`documents.kinds.${r.kind}`)}{" "}
                  {r.kind === "payment" ? (
                    r.serieFolio
                  ) : (
                    <Link
                      to={`${basePath}/documents/${r.id}`}
                      className="text-brand-700 underline underline-offset-2 hover:no-underline"
                    >
                      {r.serieFolio}
                    </Link>
                  )}{" "}
                  · {formatDate(r.issueDate, locale)}
                </span>
                <span className="tabular-nums">{money(r.appliedAmount)}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
