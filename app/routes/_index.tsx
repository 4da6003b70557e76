import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listAccountsWithBalances } from "~/domain/accounts/list-accounts-with-balances.server";
import { getDb } from "~/utils/db.server";
import { formatMoney } from "~/utils/money";

export const meta: MetaFunction = () => [{ title: "Cartera · Cuentas" }];

export async function loader() {
  const db = await getDb();
  const accounts = await listAccountsWithBalances(db, { asOf: new Date().toISOString().slice(0, 10) });
  return { accounts };
}

export default function Index() {
  const { accounts } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-6xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold text-slate-900">Cartera</h1>
      <p className="mt-1 text-slate-600">Cuentas de clientes y sus saldos</p>
      <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Saldos por cuenta</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Cuenta</th>
              <th scope="col" className="px-4 py-3 font-medium">Cliente</th>
              <th scope="col" className="px-4 py-3 font-medium">Segmento</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">Saldo</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">Vencido</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {accounts.map((a) => {
              const locale = a.country === "CO" ? "es-CO" : "es-MX";
              return (
                <tr key={a.id}>
                  <td className="px-4 py-3 font-mono text-slate-700">{a.number}</td>
                  <td className="px-4 py-3">{a.legalName}</td>
                  <td className="px-4 py-3 capitalize">{a.segment}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatMoney(a.balance, a.currency, locale)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatMoney(a.overdue, a.currency, locale)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </main>
  );
}
