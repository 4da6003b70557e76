// The public verification page (no sign-in): by the verification code printed on a sealed
// document's certificate page (its QR code links here with ?code=), or by uploading a copy of the
// PDF. It tells whether the copy is the sealed file, whether its signature is valid and the
// platform's, who signed and when, and whether bytes were appended after sealing. Rate-limited per
// client IP, like the other public forms.
import { MaxFileSizeExceededError, MaxFilesExceededError, parseFormData } from "@remix-run/form-data-parser";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { formatVerificationCode } from "~/domain/signing/reconciliation-content";
import { VerificationCodeSchema } from "~/domain/signing/schemas";
import { type VerifiedEnvelope, verifyByCode, verifyUploadedPdf } from "~/domain/signing/verify-sealed-pdf.server";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formattingLocale } from "~/utils/i18n";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { consumeRateLimit, rateLimitMessage, tooManyRequests } from "~/utils/rate-limit.server";
import { getClientIp } from "~/utils/request.server";
import { instantFormat } from "~/utils/signing-pages.server";

export const meta = pageTitle("titles.verify");

const MAX_PDF_BYTES = 10 * 1024 * 1024;

async function present(request: Request, envelope: VerifiedEnvelope) {
  const language = await getLanguage(request, null);
  const locale = formattingLocale(language, null);
  const at = instantFormat(locale, envelope.timeZone);
  return {
    kind: envelope.kind,
    number: envelope.number,
    status: envelope.status,
    seller: envelope.sellerName,
    account: envelope.accountName,
    cutoff: envelope.cutoffDate ? formatDate(envelope.cutoffDate, locale) : null,
    sealedAt: at(envelope.sealedAt),
    sealedSha256: envelope.sealedSha256,
    signers: envelope.signers.map((s) => ({
      name: s.name,
      typedName: s.typedName ?? s.name,
      signedAt: at(s.signedAt),
    })),
  };
}

async function spendBudget(request: Request) {
  const limit = await consumeRateLimit("verification", getClientIp(request));
  if (!limit.ok) {
    const { t } = await getRequestT(request);
    throw tooManyRequests(
      rateLimitMessage(t, "rateLimit.verifications", limit.retryAfterSeconds),
      limit.retryAfterSeconds,
    );
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("code");
  if (raw === null || raw.trim() === "") return { code: "", checked: false, envelope: null };
  const parsed = VerificationCodeSchema.safeParse(raw);
  if (!parsed.success) return { code: raw.slice(0, 40), checked: true, envelope: null };
  await spendBudget(request);
  const envelope = await verifyByCode(await getDb(), actorFor(request, null), parsed.data);
  return {
    code: formatVerificationCode(parsed.data),
    checked: true,
    envelope: envelope ? await present(request, envelope) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { t } = await getRequestT(request);
  await spendBudget(request);
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") return data({ error: t("verify.badFile"), upload: null }, { status: 400 });
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_PDF_BYTES + 64 * 1024)
    return data({ error: t("verify.badFile"), upload: null }, { status: 413 });
  let bytes: Uint8Array | null = null;
  try {
    await parseFormData(
      request,
      { maxFiles: 1, maxFileSize: MAX_PDF_BYTES, maxParts: 5, maxTotalSize: MAX_PDF_BYTES + 64 * 1024 },
      async (upload) => {
        if (upload.fieldName === "pdf" && upload.size > 0) bytes = new Uint8Array(await upload.arrayBuffer());
        return null;
      },
    );
  } catch (error) {
    const tooLarge = error instanceof MaxFileSizeExceededError;
    if (tooLarge || error instanceof MaxFilesExceededError || (error instanceof Error && error.name.endsWith("Error")))
      return data({ error: t("verify.badFile"), upload: null }, { status: tooLarge ? 413 : 400 });
    throw error;
  }
  const file = bytes as Uint8Array | null;
  if (!file || Buffer.from(file.subarray(0, 5)).toString("latin1") !== "%PDF-")
    return data({ error: t("verify.badFile"), upload: null }, { status: 400 });
  const result = await verifyUploadedPdf(await getDb(), actorFor(request, null), file);
  return {
    error: null,
    upload: {
      result: result.result,
      appendedBytes: result.appendedBytes,
      sha256: result.sha256,
      signature: {
        found: result.signature.found,
        valid: result.signature.valid,
        byPlatformSeal: result.signature.byPlatformSeal,
      },
      envelope: result.envelope ? await present(request, result.envelope) : null,
    },
  };
}

function EnvelopeFacts({ envelope }: { envelope: Awaited<ReturnType<typeof present>> }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-1 text-sm">
      <p className="font-medium">
        {t("verify.found", {
          kind: t(`verify.kinds.${envelope.kind}`),
          number: envelope.number,
          seller: envelope.seller,
          account: envelope.account,
        })}
      </p>
      {envelope.cutoff ? (
        <p>
          {t("signing.cutoff")}: {envelope.cutoff}
        </p>
      ) : null}
      <p>{t("verify.status", { status: t(`signing.statuses.${envelope.status}`) })}</p>
      <p>{envelope.sealedAt ? t("verify.sealedAt", { time: envelope.sealedAt }) : t("verify.notSealed")}</p>
      <ul className="list-disc pl-5">
        {envelope.signers.map((s, i) => (
          <li key={i}>{t("verify.signedBy", { name: s.name, typedName: s.typedName, time: s.signedAt })}</li>
        ))}
      </ul>
      {envelope.sealedSha256 ? (
        <p>
          {t("verify.sealedHash")}: <span className="break-all font-mono text-xs">{envelope.sealedSha256}</span>
        </p>
      ) : null}
    </div>
  );
}

export default function Verify() {
  const { t } = useTranslation();
  const { code, checked, envelope } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const upload = actionData?.upload ?? null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{t("verify.title")}</h1>
        <p className="text-sm text-slate-600">{t("verify.intro")}</p>
      </div>
      <Form method="get" className="space-y-2">
        <label htmlFor="code" className="block text-sm font-medium text-slate-800">
          {t("verify.code")}
        </label>
        <input
          id="code"
          name="code"
          defaultValue={code}
          maxLength={40}
          autoComplete="off"
          className="block w-full rounded-md border-0 px-3 py-2 font-mono uppercase ring-1 ring-inset ring-slate-300"
        />
        <Button type="submit">{t("verify.codeSubmit")}</Button>
      </Form>
      {checked ? (
        <section aria-live="polite" className="rounded-md border border-slate-200 p-3">
          {envelope ? <EnvelopeFacts envelope={envelope} /> : <p role="alert">{t("verify.notFound")}</p>}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="space-y-2">
        <label htmlFor="pdf" className="block text-sm font-medium text-slate-800">
          {t("verify.upload")}
        </label>
        <input id="pdf" name="pdf" type="file" accept="application/pdf" className="block text-sm" />
        <Button type="submit" variant="secondary">
          {t("verify.uploadSubmit")}
        </Button>
      </Form>
      {actionData?.error ? <FormError message={actionData.error} /> : null}
      {upload ? (
        <section aria-live="polite" className="space-y-2 rounded-md border border-slate-200 p-3 text-sm">
          <p
            role="status"
            className={upload.result === "sealed_copy" ? "font-medium text-emerald-800" : "font-medium text-red-800"}
          >
            {t(`verify.results.${upload.result}`, { count: upload.appendedBytes })}
          </p>
          {upload.signature.found ? (
            <p>
              {upload.signature.valid
                ? upload.signature.byPlatformSeal
                  ? t("verify.signatureValid")
                  : t("verify.signatureValidOther")
                : t("verify.signatureInvalid")}
            </p>
          ) : null}
          <p>
            {t("verify.fileHash")}: <span className="break-all font-mono text-xs">{upload.sha256}</span>
          </p>
          {upload.envelope ? <EnvelopeFacts envelope={upload.envelope} /> : null}
        </section>
      ) : null}
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
