// One-time toasts: what redirectWithToast sets, getToast reads back once; a forged or malformed
// toast cookie shows nothing.
import { describe, expect, it } from "vitest";
import { serializeToastCookie } from "~/utils/session.server";
import { getToast, redirectWithToast } from "~/utils/toast.server";

const request = new Request("http://portal.test/portal");
const cookieOf = (setCookie: string | null) => setCookie!.split(";")[0];

describe("toasts", () => {
  it("a redirect with a toast carries it to the next page, which clears it", async () => {
    const response = await redirectWithToast(request, "/portal", { kind: "success", message: "Listo" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/portal");
    const next = new Request("http://portal.test/portal", {
      headers: { Cookie: cookieOf(response.headers.get("Set-Cookie")) },
    });
    const { toast, headers } = await getToast(next);
    expect(toast).toMatchObject({ kind: "success", message: "Listo" });
    expect(toast?.id).toMatch(/^[a-z0-9]{10,}$/);
    expect(headers?.get("Set-Cookie")).toMatch(/cartera_toast=;.*Max-Age=0/);
  });

  it("ignores a cookie that was not signed by us or does not have the toast's shape", async () => {
    const forged = new Request("http://portal.test/", {
      headers: { Cookie: `cartera_toast=${btoa(JSON.stringify({ kind: "error", message: "Llama al 555" }))}` },
    });
    expect((await getToast(forged)).toast).toBeNull();
    const oldShape = await serializeToastCookie(request, { text: "<b>hola</b>", level: 3 });
    const signedButWrong = new Request("http://portal.test/", { headers: { Cookie: cookieOf(oldShape) } });
    expect((await getToast(signedButWrong)).toast).toBeNull();
    const none = await getToast(new Request("http://portal.test/"));
    expect(none).toEqual({ toast: null, headers: null });
  });
});
