// The forms' shared zod schemas: the browser (conform's onValidate, on the form's FormData) and the
// action (parseWithZod on what readForm made of the request body) give the same errors, and every
// error is an i18n key that both languages translate.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { translateValidationMessage } from "~/components/forms";
import { RaiseClaimFormSchema } from "~/domain/claims/claim-forms";
import { MIN_PASSWORD_LENGTH } from "~/domain/identity/password-policy";
import {
  AcceptInvitationAsUserSchema,
  AcceptInvitationSchema,
  AccountUsersSchema,
  ForgotPasswordSchema,
  LoginSchema,
  LogoutSchema,
  ResetPasswordSchema,
} from "~/domain/identity/schemas";
import { StatementActionSchema } from "~/domain/statements/schemas";
import { en } from "~/i18n/en";
import { es } from "~/i18n/es";
import { readForm } from "~/utils/form.server";
import { getFixedT } from "~/utils/i18n";
import { AccountSwitchSchema, LanguageSwitchSchema } from "~/utils/preference-schemas";

type Fields = Record<string, string>;

const cases: [string, z.ZodType, Fields[]][] = [
  ["login", LoginSchema, [{}, { email: "no-es-un-correo", password: "" }, { email: "  ", password: "x" }]],
  ["forgot password", ForgotPasswordSchema, [{}, { email: "a@b" }, { email: `${"a".repeat(250)}@b.mx` }]],
  [
    "reset password",
    ResetPasswordSchema,
    [{}, { password: "corta", confirm: "corta" }, { password: "larga-suficiente", confirm: "otra-distinta" }],
  ],
  [
    "invitation",
    AcceptInvitationSchema,
    [{}, { name: "Gana en http://premio.example", password: "nueva-password-1", confirm: "nueva-password-1" }],
  ],
  ["invitation as a user", AcceptInvitationAsUserSchema, [{}, { intent: "sign-in" }, { intent: "otra" }]],
  [
    "account users",
    AccountUsersSchema,
    [
      {},
      { intent: "bogus" },
      { intent: "invite", email: "", role: "boss" },
      { intent: "change-role", userId: "no es un id", role: "viewer" },
      { intent: "revoke" },
    ],
  ],
  ["statement", StatementActionSchema, [{}, { intent: "print" }]],
  ["language switch", LanguageSwitchSchema, [{}, { language: "fr" }]],
  ["account switcher", AccountSwitchSchema, [{}, { selection: "x".repeat(81) }]],
  ["logout", LogoutSchema, [{ intent: "nowhere" }]],
  [
    "raise claim",
    RaiseClaimFormSchema,
    [
      { type: "other", description: "x", documentId: "doc1" },
      { type: "other", description: "x", documentId: "doc1", amount: "-3" },
      { type: "other", description: "x", documentId: "doc1", scope: "lines", "lines[0].lineId": "l1" },
      {
        type: "other",
        description: "x",
        documentId: "doc1",
        scope: "lines",
        "lines[0].lineId": "l1",
        "lines[0].selected": "on",
        "lines[1].lineId": "l2",
        "lines[1].selected": "on",
        "lines[1].amount": "12.345",
      },
    ],
  ],
];

function browserFormData(fields: Fields): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

/** The request a browser sends without JavaScript, as urlencoded and as multipart. */
function requests(fields: Fields): Request[] {
  const init = { method: "POST" } as const;
  return [
    new Request("http://portal.test/", { ...init, body: new URLSearchParams(fields) }),
    new Request("http://portal.test/", { ...init, body: browserFormData(fields) }),
  ];
}

function lookup(resources: object, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

describe("form schemas shared by the browser and the action", () => {
  it.each(cases)("%s: the server's errors are the browser's, all i18n keys in es and en", async (_, schema, inputs) => {
    for (const fields of inputs) {
      const browser = parseWithZod(browserFormData(fields), { schema });
      expect(browser.status, JSON.stringify(fields)).toBe("error");
      const browserErrors = browser.status === "error" ? browser.error : null;
      for (const request of requests(fields)) {
        const server = parseWithZod(await readForm(request), { schema });
        expect(server.reply().error, JSON.stringify(fields)).toEqual(browser.reply().error);
        expect(server.status === "error" ? server.error : null).toEqual(browserErrors);
      }
      const messages = Object.values(browserErrors ?? {}).flatMap((m) => m ?? []);
      expect(messages.length, JSON.stringify(fields)).toBeGreaterThan(0);
      for (const message of messages) {
        expect(message).toMatch(/^validation\.[A-Za-z]+$/);
        expect(typeof lookup(es, message), `es ${message}`).toBe("string");
        expect(typeof lookup(en, message), `en ${message}`).toBe("string");
      }
    }
  });

  it("gives the errors the e2e login test expects, and passes a valid form", async () => {
    const refused = parseWithZod(browserFormData({ email: "no-es-un-correo", password: "" }), { schema: LoginSchema });
    expect(refused.status === "error" && refused.error).toEqual({
      email: ["validation.email"],
      password: ["validation.required"],
    });
    const ok = parseWithZod(await readForm(requests({ email: " a@b.mx ", password: "x", redirectTo: "" })[0]), {
      schema: LoginSchema,
    });
    expect(ok.status === "success" && ok.value).toEqual({ email: "a@b.mx", password: "x" });
  });

  it("the UI gives a key its parameter: the minimum password length", () => {
    const short = parseWithZod(browserFormData({ password: "corta", confirm: "corta" }), {
      schema: ResetPasswordSchema,
    });
    expect(short.status === "error" && short.error?.password).toEqual(["validation.passwordLength"]);
    expect(translateValidationMessage(getFixedT("es"), "validation.passwordLength")).toBe(
      `La contraseña debe tener al menos ${MIN_PASSWORD_LENGTH} caracteres.`,
    );
    expect(translateValidationMessage(getFixedT("en"), "validation.passwordLength")).toContain(
      String(MIN_PASSWORD_LENGTH),
    );
    // Anything that is not one of our keys reads as "invalid value", never as raw text.
    expect(translateValidationMessage(getFixedT("es"), "Invalid input")).toBe("Valor no válido.");
  });
});
