// Error pages a signed-in user can reach keep the signed-in shell (header, navigation, sign-out) and
// speak the user's language.
import { expect, test } from "./fixtures";
import { expectNotFoundPage } from "./helpers";

test("an unknown address or document under /portal and /staff answers 404 inside the shell", async ({
  page,
  login,
  browserErrors,
  expectAccessible,
}) => {
  await login(page, "compras@ferreteria-lopez.mx");
  await expectNotFoundPage(page, "/portal/no-such-page", browserErrors, expectAccessible);
  await expectNotFoundPage(page, "/portal/documents/no-such-document", browserErrors, expectAccessible);
  // from the error page, the navigation still works
  await page.getByRole("navigation", { name: "Menú" }).getByRole("link", { name: "Facturas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Facturas" })).toBeVisible();

  await page.context().clearCookies();
  await login(page, "cobranza1@cartera.demo");
  await expectNotFoundPage(page, "/staff/no-such-page", browserErrors, expectAccessible);
  await expectNotFoundPage(page, "/staff/accounts/no-such-account", browserErrors, expectAccessible);
});
