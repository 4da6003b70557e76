import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { ScrollRegion, TableHead } from "~/components/ui/table";
import { searchAccountsWithBalances } from "~/domain/accounts/search-accounts-with-balances.server";
import { staffAccountReach } from "~/domain/identity/permissions";
import { getDb } from "~/utils/db.server";
import { formattingLocale, todayIn } from "~/utils/i18n";
import { searchText } from "~/utils/input";
import { getLanguage } from "~/utils/language.server";
import { formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { requireStaffPermission } from "~/utils/permissions.server";

export const meta = pageTitle("titles.customers");

const SearchSchema = searchText(100);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:account");
  // A search the box cannot have sent (control characters such as NUL, over 100 characters) is ignored.
  const typed = SearchSchema.safeParse(new URL(request.url).searchParams.get("q") ?? "");
  const q = typed.success ? typed.data : "";
  // One "today" for the whole list: Mexico City's (Bogotá is one hour behind, so it differs only in that hour).
  const accounts = await searchAccountsWithBalances(await getDb(), user, { q, asOf: todayIn("America/Mexico_City") });
  return {
    q,
    reach: staffAccountReach(user.staffRole),
    language: await getLanguage(request, user),
    accounts,
  };
}

export default function StaffHome() {
  const { t } = useTranslation();
  const { q, reach, accounts, language } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("staff.title")}</h1>
        <p className="text-slate-600">{reach === "all" ? t("staff.allAccounts") : t("staff.portfolio")}</p>
      </div>
      <Form method="get" role="search" className="flex max-w-xl gap-2">
        <label htmlFor="q" className="sr-only">
          {t("staff.search")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          maxLength={100}
          defaultValue={q}
          placeholder={t("staff.searchPlaceholder")}
          className="block w-full rounded-md border-0 px-3 py-2 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        />
        <Button type="submit" pending={navigation.state === "loading" && navigation.location.pathname === "/staff"}>
          {t("staff.searchSubmit")}
        </Button>
      </Form>
      {accounts.length === 0 ? (
        <p className="text-slate-600">{t("staff.none")}</p>
      ) : (
        <ScrollRegion label={t("staff.title")}>
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("staff.title")}</caption>
            <TableHead
              columns={[
                { label: t("nav.account") },
                { label: t("staff.zone") },
                { label: t("staff.collector") },
                { label: t("home.balance"), align: "right" },
                { label: t("home.overdue"), align: "right" },
              ]}
              cellClassName="px-4 py-2 font-medium"
            />
            <tbody className="divide-y divide-slate-100">
              {accounts.map((a) => {
                const locale = formattingLocale(language, a.country);
                return (
                  <tr key={a.id}>
                    <th scope="row" className="px-4 py-2 text-left font-normal">
                      <Link
                        to={`/staff/accounts/${a.id}`}
                        className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline"
                      >
                        {a.legalName}
                      </Link>
                      <span className="block text-xs text-slate-600">
                        {a.number} · {a.taxId} · {t(`segments.${a.segment}`)}
                      </span>
                    </th>
                    <td className="px-4 py-2">{a.zone}</td>
                    <td className="px-4 py-2">{a.collectorName ?? "—"}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatMoney(a.balance, a.currency, locale)}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatMoney(a.overdue, a.currency, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
