// Demo users: staff of the seller and three customer users, all with the demo password. Collectors'
// portfolios split the accounts: cobranza1 and cobranza2 share Mexico, cobranza3 has Colombia.
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { createCustomerUser, createStaffUser } from "~/domain/identity/create-users.server";
import type { Db } from "~/utils/db.server";
import type { SeededAccount } from "./index";

export const DEMO_PASSWORD = "demo-portal-2026";

export const DEMO_USERS = [
  { email: "compras@ferreteria-lopez.mx", who: "cliente MX-0001, pagador" },
  { email: "tesoreria@grupo-constructor.mx", who: "grupo de 3 cuentas MX, administrador" },
  { email: "pagos@distribuidora-andina.co", who: "cliente CO-0001, pagador" },
  { email: "cobranza1@cartera.demo", who: "analista de cobranza (MX)" },
  { email: "cobranza2@cartera.demo", who: "analista de cobranza (MX)" },
  { email: "cobranza3@cartera.demo", who: "analista de cobranza (CO)" },
  { email: "supervisor@cartera.demo", who: "supervisor de cartera" },
  { email: "ventas@cartera.demo", who: "responsable de ventas" },
  { email: "operaciones@cartera.demo", who: "responsable de operaciones" },
  { email: "credito@cartera.demo", who: "responsable de crédito" },
  { email: "auditoria@cartera.demo", who: "auditor (solo lectura)" },
  { email: "admin@cartera.demo", who: "administrador" },
] as const;

export async function seedDemoUsers(db: Db, accounts: SeededAccount[]): Promise<void> {
  const actor = SYSTEM_ACTOR;
  const password = DEMO_PASSWORD;
  const byNumber = (n: string) => {
    const a = accounts.find((x) => x.number === n);
    if (!a) throw new Error(`demo account ${n} is missing`);
    return a;
  };
  const supervisor = await createStaffUser(db, actor, { email: "supervisor@cartera.demo", name: "Mariana Treviño", password, staffRole: "supervisor" });
  const collectors = [];
  for (const [i, name] of ["Jorge Ramírez", "Lucía Hernández", "Andrés Gómez"].entries()) {
    collectors.push(
      await createStaffUser(db, actor, { email: `cobranza${i + 1}@cartera.demo`, name, password, staffRole: "collector", supervisorId: supervisor.id }),
    );
  }
  await createStaffUser(db, actor, { email: "ventas@cartera.demo", name: "Roberto Salinas", password, staffRole: "area_owner", staffArea: "sales" });
  await createStaffUser(db, actor, { email: "operaciones@cartera.demo", name: "Patricia Olvera", password, staffRole: "area_owner", staffArea: "operations" });
  await createStaffUser(db, actor, { email: "credito@cartera.demo", name: "Fernando Castillo", password, staffRole: "area_owner", staffArea: "credit" });
  await createStaffUser(db, actor, { email: "auditoria@cartera.demo", name: "Auditoría Interna", password, staffRole: "auditor" });
  await createStaffUser(db, actor, { email: "admin@cartera.demo", name: "Administración Cartera", password, staffRole: "admin" });

  const mexican = accounts.filter((a) => a.country === "MX").sort((a, b) => a.number.localeCompare(b.number));
  const colombian = accounts.filter((a) => a.country === "CO");
  await assignCollector(db, actor, { accountIds: mexican.filter((_, i) => i % 2 === 0).map((a) => a.id), collectorId: collectors[0].id });
  await assignCollector(db, actor, { accountIds: mexican.filter((_, i) => i % 2 === 1).map((a) => a.id), collectorId: collectors[1].id });
  await assignCollector(db, actor, { accountIds: colombian.map((a) => a.id), collectorId: collectors[2].id });

  await createCustomerUser(db, actor, {
    email: "compras@ferreteria-lopez.mx",
    name: "Elena López",
    password,
    grants: [{ accountId: byNumber("MX-0001").id, role: "payer" }],
  });
  await createCustomerUser(db, actor, {
    email: "tesoreria@grupo-constructor.mx",
    name: "Ricardo Villaseñor",
    password,
    grants: ["MX-0002", "MX-0003", "MX-0004"].map((n) => ({ accountId: byNumber(n).id, role: "account_admin" as const })),
  });
  await createCustomerUser(db, actor, {
    email: "pagos@distribuidora-andina.co",
    name: "Camila Restrepo",
    password,
    grants: [{ accountId: byNumber("CO-0001").id, role: "payer" }],
  });
}
