// The demo users and their shared password: printed by `npm start`, listed in the README, used by
// the end-to-end tests. Plain data, so the test runner can import it without the domain modules.

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
