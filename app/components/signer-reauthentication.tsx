// How a signer confirms it is itself, on every signing form (reconciliations, minutes): its password,
// or a one-time code it asks for by email and types. The code request is a form of its own (forms do
// not nest), rendered beside the signing form; its button sits among these fields.
import type { FieldMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SIGNING_CODE_DIGITS } from "~/domain/signing/schemas";
import { Field, useIsSubmitting } from "./forms";
import { Button } from "./ui/button";

type Meta = FieldMetadata<string | undefined>;

export const SEND_SIGNING_CODE_FORM_ID = "send-signing-code";

export function SignerReauthentication({
  fields,
  codeSent,
}: {
  fields: { method: Meta; password: Meta; code: Meta };
  /** The confirmation of a code just emailed (where to, how long it lasts), if one was. */
  codeSent: string | null | undefined;
}) {
  const { t } = useTranslation();
  const sendingCode = useIsSubmitting("send-code");
  // The password is the default; the code's fields show once the code is chosen, so the page stays on it.
  const [method, setMethod] = useState<"password" | "email_code">(
    codeSent || fields.method.initialValue === "email_code" ? "email_code" : "password",
  );
  return (
    <>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t("reconciliationOps.methodLegend")}</legend>
        {(["password", "email_code"] as const).map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={fields.method.name}
              value={value}
              checked={method === value}
              onChange={() => setMethod(value)}
            />
            {t(value === "password" ? "reconciliationOps.methodPassword" : "reconciliationOps.methodCode")}
          </label>
        ))}
      </fieldset>
      {method === "password" ? (
        <Field meta={fields.password} type="password" label={t("signing.password")} autoComplete="current-password" />
      ) : (
        <div className="space-y-2">
          <Button
            type="submit"
            variant="secondary"
            form={SEND_SIGNING_CODE_FORM_ID}
            pending={sendingCode}
            pendingLabel={t("common.loading")}
          >
            {t("reconciliationOps.sendCode")}
          </Button>
          {codeSent ? (
            <p role="status" className="text-sm text-slate-700">
              {codeSent}
            </p>
          ) : null}
          <Field
            meta={fields.code}
            label={t("reconciliationOps.code", { digits: SIGNING_CODE_DIGITS })}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={SIGNING_CODE_DIGITS}
          />
        </div>
      )}
    </>
  );
}

/** The "email me a code" form the button above submits; render it outside the signing form. */
export function SendSigningCodeForm() {
  return (
    <Form method="post" id={SEND_SIGNING_CODE_FORM_ID} className="hidden">
      <input type="hidden" name="intent" value="send-code" />
    </Form>
  );
}
