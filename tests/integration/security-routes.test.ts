// Security rules through the routes: emailed links come from configuration, never from request
// headers; redirects stay on this site and inside the side a user belongs to; the client address is
// the server's, not a header's; a reset link and the forgot-password answer leak nothing.
import { describe, expect, it } from "vitest";
import * as forgotRoute from "~/routes/_auth+/forgot-password";
import * as loginRoute from "~/routes/_auth+/login";
import * as languageRoute from "~/routes/language";
import * as portalSwitch from "~/routes/portal+/switch";
import { settleBackgroundWork } from "~/utils/background.server";
import { CLIENT_IP_HEADER, getClientIp, safeRedirect } from "~/utils/request.server";
import { TEST_PASSWORD } from "../fixtures/users";
import { routeTest } from "../setup/route-test";
import { callRoute } from "../setup/routes";

describe("S1: emailed links come from configuration only", () => {
  routeTest(
    "a reset requested with Host: evil.example and X-Forwarded-Host mails a link on APP_URL (localhost:PORT by default)",
    async ({ payer: { user: payer }, mailbox }) => {
      // What the server builds for a request that names the attacker's host (the URL comes from Host).
      const request = new Request("http://evil.example/forgot-password", {
        method: "POST",
        headers: {
          Origin: "http://evil.example:8443",
          "X-Forwarded-Host": "evil.example:8443",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ email: payer.email }),
      });
      const sent = await forgotRoute.action({ request, params: {}, context: {} });
      expect((sent as { data: { sent: boolean } }).data.sent).toBe(true);
      await settleBackgroundWork();
      const mail = await mailbox.waitFor(payer.email, /contraseña/);
      const text = `${mail.text}\n${mail.html || ""}`;
      expect(text).not.toContain("evil.example");
      expect(text).toMatch(/http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{20,}/);
    },
  );
});

describe("S2: redirects are normalised, same-origin and inside an allowed prefix", () => {
  const hostile = [
    "/portal/../\\evil.example",
    "/portal/..\\evil.example",
    "/portal/%2e%2e/%5Cevil.example",
    "/\\evil.example",
    "/\tevil.example",
    "/portal/\t/evil.example",
    "//evil.example",
    "/%2F%2Fevil.example",
    "/portal/\r\nSet-Cookie: x=1",
    "https://evil.example/portal",
    "/portal/./../staff",
    "/portal/%00",
  ];
  it.each(hostile)("safeRedirect refuses %j", (target) => {
    expect(safeRedirect(target, "/portal", ["/portal"])).toBe("/portal");
  });
  it("safeRedirect keeps an ordinary same-site path with its query and hash", () => {
    expect(safeRedirect("/portal/invoices?status=open&page=2#top", "/portal", ["/portal"])).toBe(
      "/portal/invoices?status=open&page=2#top",
    );
    expect(safeRedirect("/portalx", "/portal", ["/portal"])).toBe("/portal");
  });

  routeTest.for(hostile)(
    "sign-in with redirectTo=%j lands on the user's home",
    async (redirectTo, { payer: { user: payer } }) => {
      const result = await callRoute(loginRoute.action, {
        path: "/login",
        form: { email: payer.email, password: TEST_PASSWORD, redirectTo },
      });
      expect(result.status).toBe(302);
      expect(result.response?.headers.get("Location")).toBe("/portal");
    },
  );

  routeTest("the language switch and the account switcher refuse the same targets", async ({ payer }) => {
    const { cookie } = payer;
    const accountId = payer.account.id;
    for (const redirectTo of hostile) {
      const lang = await callRoute(languageRoute.action, { path: "/language", form: { language: "en", redirectTo } });
      expect(lang.response?.headers.get("Location")).toBe("/");
      const sw = await callRoute(portalSwitch.action, {
        path: "/portal/switch",
        cookie,
        form: { selection: accountId, redirectTo },
      });
      expect(sw.response?.headers.get("Location")).toBe("/portal");
    }
    const ok = await callRoute(portalSwitch.action, {
      path: "/portal/switch",
      cookie,
      form: { selection: accountId, redirectTo: "/portal/invoices" },
    });
    expect(ok.response?.headers.get("Location")).toBe("/portal/invoices");
  });
});

describe("S3: the client address is the server's", () => {
  it("ignores X-Forwarded-For and X-Real-IP; reads only the address the server put in its own header", () => {
    const forged = new Request("http://portal.test/", {
      headers: { "X-Forwarded-For": "1.2.3.4", "X-Real-IP": "5.6.7.8" },
    });
    expect(getClientIp(forged)).toBe("unknown");
    const served = new Request("http://portal.test/", { headers: { [CLIENT_IP_HEADER]: "192.0.2.10" } });
    expect(getClientIp(served)).toBe("192.0.2.10");
    const junk = new Request("http://portal.test/", { headers: { [CLIENT_IP_HEADER]: "<script>" } });
    expect(getClientIp(junk)).toBe("unknown");
  });
});

describe("S9: forgot-password tells nothing", () => {
  routeTest(
    "answers the same, byte for byte, for a registered and an unknown address, and mails only the registered one",
    async ({ payer: { user: payer }, mailbox }) => {
      const known = await callRoute(forgotRoute.action, { path: "/forgot-password", form: { email: payer.email } });
      const unknown = await callRoute(forgotRoute.action, {
        path: "/forgot-password",
        form: { email: "no-such-user@example.test" },
      });
      expect(unknown.status).toBe(known.status);
      expect(JSON.stringify(unknown.body)).toBe(JSON.stringify(known.body));
      await settleBackgroundWork();
      expect(mailbox.messages.some((m) => JSON.stringify(m.to).includes("no-such-user@example.test"))).toBe(false);
    },
  );
});
