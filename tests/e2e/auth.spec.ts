// Accounts and access as users meet them: sign-in, wrong password, lockout, reset through the email
// that arrived over SMTP, invitation acceptance, the account switcher and the language switch.
import { expect, test } from "./fixtures";
import { expectNotFoundPage, linkIn, signIn, signOut, waitForEmail } from "./helpers";

test("a customer signs in, lands in the portal and signs out", async ({ page, expectAccessible }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page);
  await signIn(page, "compras@ferreteria-lopez.mx");
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "Resumen de cuenta" })).toBeVisible();
  await expect(page.getByText("Ferretería López, S.A. de C.V.").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Antigüedad de saldos" }).first()).toBeVisible();
  await expectAccessible(page);
  // the staff side is closed to customers
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/portal$/);
  await signOut(page);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fportal/);
});

test("staff land in /staff, and a collector is refused a customer outside its portfolio", async ({
  page,
  expectAccessible,
  browserErrors,
}) => {
  await signIn(page, "admin@cartera.demo");
  await expect(page).toHaveURL(/\/staff$/);
  await page.getByLabel("Buscar cliente").fill("Distribuidora Andina");
  await page.getByRole("button", { name: "Buscar" }).click();
  const link = page.getByRole("link", { name: "Distribuidora Andina S.A.S." });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/staff\/accounts\//);
  await signOut(page);

  await signIn(page, "cobranza1@cartera.demo");
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByText("Mi cartera")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link").filter({ hasText: "S.A. de C.V." }).first().click();
  await expect(
    page
      .getByRole("heading", { name: "Antigüedad de saldos" })
      .or(page.getByRole("table", { name: "Antigüedad de saldos" }))
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
  await expectNotFoundPage(page, href!, browserErrors, expectAccessible, "Distribuidora Andina");
});

test("a wrong password shows a clear Spanish error; repeated failures lock the user for a while", async ({
  page,
  expectAccessible,
}) => {
  await signIn(page, "operaciones@cartera.demo", "contraseña-equivocada");
  await expect(page.getByRole("alert")).toHaveText("Correo o contraseña incorrectos.");
  await expect(page.getByLabel("Correo electrónico")).toHaveValue("operaciones@cartera.demo");
  await expectAccessible(page);
  for (let i = 0; i < 4; i++) await signIn(page, "operaciones@cartera.demo", `otra-equivocada-${i}`);
  await expect(page.getByRole("alert")).toContainText("Demasiados intentos fallidos");
  // even the right password is refused while the lock lasts
  await signIn(page, "operaciones@cartera.demo");
  await expect(page.getByRole("alert")).toContainText("espera 15 minutos");
  await expect(page).toHaveURL(/\/login/);
});

test("field errors are shown in Spanish and nothing typed is lost", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Correo electrónico").fill("no-es-un-correo");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByText("Escribe un correo electrónico válido.")).toBeVisible();
  await expect(page.getByText("Este campo es obligatorio.")).toBeVisible();
  await expect(page.getByLabel("Correo electrónico")).toHaveValue("no-es-un-correo");
});

test("a user resets a forgotten password through the emailed link", async ({ page, expectAccessible }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "¿Olvidaste tu contraseña?" }).click();
  await expectAccessible(page);
  await page.getByLabel("Correo electrónico").fill("credito@cartera.demo");
  await page.getByRole("button", { name: "Enviar enlace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "recibirás un enlace" })).toBeVisible();
  const mail = await waitForEmail("credito@cartera.demo", /Restablece tu contraseña/);
  await page.goto(linkIn(mail.text, "/reset-password"));
  await expectAccessible(page);
  await page.getByLabel("Nueva contraseña").fill("credito-nueva-2026");
  await page.getByLabel("Confirma la contraseña").fill("credito-nueva-2026");
  await page.getByRole("button", { name: "Guardar contraseña" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("status").filter({ hasText: "Tu contraseña se actualizó" })).toBeVisible();
  await signIn(page, "credito@cartera.demo", "credito-nueva-2026");
  await expect(page).toHaveURL(/\/staff$/);
});

test("an account admin invites a colleague, who accepts and sees the account", async ({ page, expectAccessible }) => {
  const email = `colega-${Date.now()}@grupo-constructor.mx`;
  await signIn(page, "tesoreria@grupo-constructor.mx");
  await expect(page).toHaveURL(/\/portal$/);
  await page.getByRole("link", { name: "Usuarios" }).click();
  await expectAccessible(page);
  await page.getByLabel("Correo", { exact: true }).fill(email);
  await page.getByLabel("Rol", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Enviar invitación" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitación enviada a ${email}` })).toBeVisible();
  await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();
  await signOut(page);

  const mail = await waitForEmail(email, /Te invitaron/);
  await page.goto(linkIn(mail.text, "/invitation"));
  await expect(page.getByText("Ricardo Villaseñor te invitó")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Nombre completo").fill("Colega Invitada");
  await page.getByLabel("Nueva contraseña").fill("colega-invitada-2026");
  await page.getByLabel("Confirma la contraseña").fill("colega-invitada-2026");
  await page.getByRole("button", { name: "Activar y entrar" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "Resumen de cuenta" })).toBeVisible();
  // a viewer does not manage users
  await expect(page.getByRole("link", { name: "Usuarios" })).toHaveCount(0);
  // the invitation link works once
  await signOut(page);
  await page.goto(linkIn(mail.text, "/invitation"));
  await expect(page.getByRole("alert")).toContainText("no es válida");
});

test("a group user switches between accounts and the group view, and the language switch is remembered", async ({
  page,
  expectAccessible,
}) => {
  await signIn(page, "tesoreria@grupo-constructor.mx");
  const switcher = page.getByLabel("Cambiar de cuenta");
  // Choosing does not submit (WCAG 3.2.2): the switch happens on "Cambiar".
  await switcher.selectOption({ label: "Vista de grupo: Grupo Constructor del Bajío" });
  await page.getByRole("button", { name: "Cambiar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Resumen del grupo: Grupo Constructor del Bajío" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Cuentas del grupo" })).toBeVisible();
  await expectAccessible(page);
  await switcher.selectOption({ label: "Concretos y Agregados del Bajío, S.A. de C.V. · MX-0003" });
  await page.getByRole("button", { name: "Cambiar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Resumen de cuenta" })).toBeVisible();
  await expect(page.locator("main").getByText("Concretos y Agregados del Bajío, S.A. de C.V. · MX-0003")).toBeVisible();

  await page.getByRole("button", { name: /Idioma: English/ }).click();
  await expect(page.getByRole("heading", { name: "Account summary" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Account summary" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: /Language: Español/ }).click();
  await expect(page.getByRole("heading", { name: "Resumen de cuenta" })).toBeVisible();
});

test("the portal works on a phone", async ({ page, expectAccessible }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "pagos@distribuidora-andina.co");
  await expect(page.getByRole("heading", { name: "Resumen de cuenta" })).toBeVisible();
  // Colombian account: es-CO money format
  await expect(page.getByText(/\$\s?[\d.]+,\d{2}/).first()).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

test("responses carry the security headers", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Refused before the action runs: by Remix's own origin check (500, logged as a refused request) or ours (403).
  const forged = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: "compras@ferreteria-lopez.mx", password: "demo-portal-2026" },
    maxRedirects: 0,
  });
  expect([403, 500]).toContain(forged.status());
  expect(forged.headers()["set-cookie"] ?? "").not.toContain("cartera_session");
});
