// What the served portal (server/index.mjs in front of the build) tells a browser or an attacker:
// private pages and downloads are never cached and never sniffed, a forged X-Forwarded-For does not
// give an attacker a fresh sign-in budget, and emailed links never take the request's Host.
import { expect, test } from "./fixtures";
import { waitForEmail } from "./helpers";

const CUSTOMER = "compras@ferreteria-lopez.mx";

test("signed-in pages, data requests and downloads are private, no-store and nosniff", async ({ page, login }) => {
  await login(page, CUSTOMER);
  for (const path of ["/portal", "/portal/invoices", "/portal/invoices.data", "/portal/statement"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cache-control"], path).toBe("private, no-store");
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  const pdf = await page.request.get("/portal/statement/pdf");
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect(pdf.headers()["cache-control"]).toBe("private, no-store");
  expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");
  const missing = await page.request.get("/portal/documents/doesnotexist/pdf");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["x-content-type-options"]).toBe("nosniff");
  expect(missing.headers()["content-security-policy"]).toContain("default-src 'none'");
});

test("a made-up X-Forwarded-For per attempt does not reset the sign-in budget", async ({ request, baseURL }) => {
  const attempt = (i: number) =>
    request.post("/login", {
      form: { email: "ventas@cartera.demo", password: `adivinanza-${i}` },
      headers: { "X-Forwarded-For": `198.51.100.${i}`, Origin: new URL(baseURL!).origin },
      maxRedirects: 0,
    });
  const statuses: number[] = [];
  for (let i = 1; i <= 7; i++) statuses.push((await attempt(i)).status());
  // five failures from this (real) source, then it is refused: the header changed nothing
  expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
  expect(statuses.slice(4)).toEqual([429, 429, 429]);
});

test("a reset requested with a forged Host and X-Forwarded-Host mails a link on APP_URL", async ({
  request,
  baseURL,
}) => {
  const since = new Date();
  const base = new URL(baseURL!);
  const response = await request.post("/forgot-password", {
    form: { email: "auditoria@cartera.demo" },
    headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example:8443", Origin: "http://evil.example" },
  });
  expect(response.status()).toBe(200);
  const mail = await waitForEmail("auditoria@cartera.demo", /contraseña/i, 10_000, since);
  expect(mail.text).not.toContain("evil.example");
  expect(mail.text).toContain(`${base.origin}/reset-password/`);
});

// The render cache (app/utils/render-cache.server.ts) shares HTML only between identical renders: every
// answer carries its own nonce, in its CSP and in every script of the page, and a customer only ever gets
// the page rendered from their own data.
test("cached account pages carry a fresh nonce each time and only their own customer's data", async ({
  browser,
  login,
}) => {
  const nonces = new Set<string>();
  const pages: Record<string, string> = {};
  for (const email of [CUSTOMER, "pagos@distribuidora-andina.co"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, email);
    for (let i = 0; i < 3; i++) {
      const response = await page.request.get("/portal/invoices");
      const html = await response.text();
      const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
      expect(nonce, email).toBeTruthy();
      const scriptNonces = [...html.matchAll(/<script[^>]* nonce="([^"]*)"/g)].map((m) => m[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      nonces.add(nonce!);
      pages[email] = html;
    }
    await context.close();
  }
  expect(nonces.size).toBe(6);
  expect(pages[CUSTOMER]).toContain("MX-0001");
  expect(pages[CUSTOMER]).not.toContain("CO-0001");
  expect(pages["pagos@distribuidora-andina.co"]).not.toContain("MX-0001");
});
