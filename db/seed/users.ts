// Demo users: staff of the seller and three customer users, all with the demo password. Collectors'
// portfolios split the accounts: cobranza1 and cobranza2 share Mexico, cobranza3 has Colombia.
import { assignCollector } from "~/domain/accounts/assign-collector.server";
import { SYSTEM_ACTOR } from "~/domain/audit/record-audit-events.server";
import { createCustomerUser, createStaffUser } from "~/domain/identity/create-users.server";
import type { Db } from "~/utils/db.server";
import { DEMO_PASSWORD } from "./demo-credentials";
import type { SeededAccount } from "./index";

export { DEMO_PASSWORD, DEMO_USERS } from "./demo-credentials";

export async function seedDemoUsers(db: Db, accounts: SeededAccount[]): Promise<void> {
  const actor = SYSTEM_ACTOR;
  const password = DEMO_PASSWORD;
  const byNumber = (n: string) => {
    const a = accounts.find((x) => x.number === n);
    if (!a) throw new Error(`demo account ${n} is missing`);
    return a;
  };
  const supervisor = await createStaffUser(db, actor, {
    email: "supervisor@cartera.demo",
    name: "Mariana Treviño",
    password,
    staffRole: "supervisor",
  });
  const collectors = [];
  for (const [i, name] of ["Jorge Ramírez", "Lucía Hernández", "Andrés Gómez"].entries()) {
    collectors.push(
      await createStaffUser(db, actor, {
        email: `cobranza${i + 1}@cartera.demo`,
        name,
        password,
        staffRole: "collector",
        supervisorId: supervisor.id,
      }),
    );
  }
  await createStaffUser(db, actor, {
    email: "ventas@cartera.demo",
    name: "Roberto Salinas",
    password,
    staffRole: "area_owner",
    staffArea: "sales",
  });
  await createStaffUser(db, actor, {
    email: "operaciones@cartera.demo",
    name: "Patricia Olvera",
    password,
    staffRole: "area_owner",
    staffArea: "operations",
  });
  await createStaffUser(db, actor, {
    email: "credito@cartera.demo",
    name: "Fernando Castillo",
    password,
    staffRole: "area_owner",
    staffArea: "credit",
  });
  await createStaffUser(db, actor, {
    email: "auditoria@cartera.demo",
    name: "Auditoría Interna",
    password,
    staffRole: "auditor",
  });
  await createStaffUser(db, actor, {
    email: "admin@cartera.demo",
    name: "Administración Cartera",
    password,
    staffRole: "admin",
  });

  const mexican = accounts.filter((a) => a.country === "MX").sort((a, b) => a.number.localeCompare(b.number));
  const colombian = accounts.filter((a) => a.country === "CO");
  await assignCollector(db, actor, {
    accountIds: mexican.filter((_, i) => i % 2 === 0).map((a) => a.id),
    collectorId: collectors[0].id,
  });
  await assignCollector(db, actor, {
    accountIds: mexican.filter((_, i) => i % 2 === 1).map((a) => a.id),
    collectorId: collectors[1].id,
  });
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
    grants: ["MX-0002", "MX-0003", "MX-0004"].map((n) => ({
      accountId: byNumber(n).id,
      role: "account_admin" as const,
    })),
  });
  await createCustomerUser(db, actor, {
    email: "pagos@distribuidora-andina.co",
    name: "Camila Restrepo",
    password,
    grants: [{ accountId: byNumber("CO-0001").id, role: "payer" }],
  });
}
