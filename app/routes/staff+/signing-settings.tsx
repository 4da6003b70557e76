// Each seller's signing deadlines: how often signers are reminded of a pending reconciliation and
// after how many days it expires. Administrators change them (one form per seller, audited); auditors
// read them; no other role reaches the page.
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { staffAllows } from "~/domain/identity/permissions";
import {
  MAX_EXPIRE_AFTER_DAYS,
  MAX_REMINDER_EVERY_DAYS,
  SigningSettingsFormSchema,
} from "~/domain/signing/signing-settings-schemas";
import { listSigningSettings, updateSigningSettings } from "~/domain/signing/signing-settings.server";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formattingLocale } from "~/utils/i18n";
import { getLanguage, getRequestT } from "~/utils/language.server";
import { pageTitle } from "~/utils/page-title";
import { requireStaffPermission } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.signingSettings");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:signing_settings");
  const language = await getLanguage(request, user);
  const sellers = await listSigningSettings(await getDb());
  return {
    canEdit: staffAllows(user.staffRole, "manage:signing_settings"),
    sellers: sellers.map((s) => {
      const time = new Intl.DateTimeFormat(formattingLocale(language, s.country), {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: s.timeZone,
      });
      return {
        sellerId: s.sellerId,
        legalName: s.legalName,
        reminderEveryDays: s.reminderEveryDays,
        expireAfterDays: s.expireAfterDays,
        updatedAt: s.updatedAt ? time.format(s.updatedAt) : null,
      };
    }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "manage:signing_settings");
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: SigningSettingsFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const db = await getDb();
  const { intent: _intent, ...input } = submission.value;
  const result = await updateSigningSettings(db, actorFor(request, user), input, { now: new Date() });
  if (!result.found)
    return data({ result: submission.reply({ formErrors: [t("signingSettings.notFound")] }) }, { status: 404 });
  const seller = (await listSigningSettings(db)).find((s) => s.sellerId === input.sellerId)!.legalName;
  return redirectWithToast(request, "/staff/signing-settings", {
    kind: result.updated ? "success" : "info",
    message: t(result.updated ? "signingSettings.saved" : "signingSettings.unchanged", { seller }),
  });
}

type SellerRow = Awaited<ReturnType<typeof loader>>["sellers"][number];

export default function SigningSettingsPage() {
  const { t } = useTranslation();
  const { canEdit, sellers } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="max-w-3xl">
        <h1 className="text-2xl font-semibold text-slate-900">{t("signingSettings.title")}</h1>
        <p className="text-slate-600">{t("signingSettings.intro")}</p>
        {canEdit ? null : (
          <p role="note" className="mt-2 rounded-md bg-slate-100 p-3 text-sm text-slate-800">
            {t("signingSettings.readOnly")}
          </p>
        )}
      </div>
      <ul className="grid gap-4 md:grid-cols-2">
        {sellers.map((s) => (
          <li key={s.sellerId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="font-semibold text-slate-900">{s.legalName}</h2>
            <p className="text-xs text-slate-600">
              {s.updatedAt ? t("signingSettings.updatedAt", { time: s.updatedAt }) : t("signingSettings.never")}
            </p>
            {canEdit ? (
              <SellerForm seller={s} />
            ) : (
              <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">{t("signingSettings.reminderEveryDays")}</dt>
                <dd className="font-medium">{s.reminderEveryDays}</dd>
                <dt className="text-slate-600">{t("signingSettings.expireAfterDays")}</dt>
                <dd className="font-medium">{s.expireAfterDays}</dd>
              </dl>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

const inputClass =
  "mt-1 block w-28 rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

function SellerForm({ seller }: { seller: SellerRow }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const mine = (actionData?.result?.initialValue as { sellerId?: unknown } | undefined)?.sellerId === seller.sellerId;
  const [form, fields] = useValidatedForm(SigningSettingsFormSchema, {
    id: `signing-settings-${seller.sellerId}`,
    lastResult: mine ? actionData?.result : undefined,
    defaultValue: {
      intent: "save",
      sellerId: seller.sellerId,
      reminderEveryDays: String(seller.reminderEveryDays),
      expireAfterDays: String(seller.expireAfterDays),
    },
  });
  const f = fields as unknown as Record<"reminderEveryDays" | "expireAfterDays", Parameters<typeof getInputProps>[0]>;
  const submitting = useIsSubmitting("save");
  return (
    <Form method="post" className="mt-3 space-y-3" {...getFormProps(form)} aria-label={seller.legalName}>
      <FormError form={form} />
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="sellerId" value={seller.sellerId} />
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor={f.reminderEveryDays.id} className="block text-sm font-medium text-slate-800">
            {t("signingSettings.reminderEveryDays")}
          </label>
          <input
            {...getInputProps(f.reminderEveryDays, { type: "number", ariaAttributes: true })}
            min={1}
            max={MAX_REMINDER_EVERY_DAYS}
            step={1}
            className={inputClass}
          />
          <FieldErrors id={f.reminderEveryDays.errorId} errors={f.reminderEveryDays.errors} />
        </div>
        <div>
          <label htmlFor={f.expireAfterDays.id} className="block text-sm font-medium text-slate-800">
            {t("signingSettings.expireAfterDays")}
          </label>
          <input
            {...getInputProps(f.expireAfterDays, { type: "number", ariaAttributes: true })}
            min={1}
            max={MAX_EXPIRE_AFTER_DAYS}
            step={1}
            className={inputClass}
          />
          <FieldErrors id={f.expireAfterDays.errorId} errors={f.expireAfterDays.errors} />
        </div>
      </div>
      <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
        {t("signingSettings.save")}
      </Button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
