// Recording minutes of a meeting or call with the account (staff): date, channel and place, the
// customer's attendees (its users who may sign) and the seller's (by name), topics, and agreements,
// each with an owner and a due date; an agreement whose documents are ticked is a payment promise of
// those amounts by its due date. With ?from=<minutes>, the form starts from minutes waiting on
// corrections and saving it accepts them: the next version is sent and the old one superseded.
import { type FieldMetadata, getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormError, useIsSubmitting, useValidatedForm } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { listAllocatableInvoices } from "~/domain/payments/list-allocatable-invoices.server";
import { minutesFormSchema, minutesInputFromForm } from "~/domain/signing/minutes-schemas";
import { listMinutesAttendeeOptions, readMinutes } from "~/domain/signing/read-minutes.server";
import { recordMinutes, reviseMinutes } from "~/domain/signing/record-minutes.server";
import { MEETING_CHANNELS } from "~/domain/vocabulary";
import { requireStaffScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { appBaseUrl } from "~/utils/env.server";
import { readForm } from "~/utils/form.server";
import { formatDate, todayIn } from "~/utils/i18n";
import { isId } from "~/utils/input";
import { getRequestT } from "~/utils/language.server";
import { refuseMinutesRule } from "~/utils/minutes-pages.server";
import { formatAmountInput, formatMoney } from "~/utils/money";
import { pageTitle } from "~/utils/page-title";
import { notFound, requireStaffAccount } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta = pageTitle("titles.newMinutes");

const REVISABLE = ["sent", "viewed", "corrections_requested"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  await requireStaffAccount(request, scope.accountId!, "send:reconciliation");
  const db = await getDb();
  const from = new URL(request.url).searchParams.get("from");
  const previous = from
    ? isId(from)
      ? await readMinutes(db, scope.accountIds, from, { now: new Date() })
      : null
    : null;
  if (from && (!previous || !REVISABLE.includes(previous.status))) notFound();
  const [attendees, documents] = await Promise.all([
    listMinutesAttendeeOptions(db, scope.accountId!),
    listAllocatableInvoices(db, scope.accountId!),
  ]);
  const docs = documents.map((d) => ({
    id: d.id,
    label: `${d.series ? `${d.series}-` : ""}${d.folio}`,
    due: formatDate(d.dueDate, scope.locale),
    open: formatMoney(d.openAmount, d.currency, scope.locale),
    openInput: formatAmountInput(d.openAmount, scope.locale),
    currency: d.currency,
  }));
  const itemsFor = (chosen: Map<string, string>) =>
    docs.map((d) => ({
      documentId: d.id,
      selected: chosen.has(d.id) ? "on" : undefined,
      amount: chosen.get(d.id) ?? d.openInput,
    }));
  const content = previous?.content;
  const defaults = content
    ? {
        intent: "record",
        supersedesId: previous!.id,
        meetingDate: content.meetingDate,
        channel: content.channel,
        place: content.place,
        customerAttendeeIds: content.customerAttendees.map((a) => a.userId),
        sellerAttendees: content.sellerAttendees.join("\n"),
        topics: content.topics.map((x) => ({ title: x.title, notes: x.notes })),
        agreements: content.agreements.map((a) => ({
          text: a.text,
          owner: a.owner,
          dueDate: a.dueDate,
          items: itemsFor(
            new Map((a.promise?.documents ?? []).map((d) => [d.documentId, formatAmountInput(d.amount, scope.locale)])),
          ),
        })),
      }
    : {
        intent: "record",
        meetingDate: todayIn(scope.timeZone),
        channel: "call",
        sellerAttendees: scope.user.name,
        topics: [{}],
        agreements: [],
      };
  return {
    locale: scope.locale,
    today: todayIn(scope.timeZone),
    basePath: scope.basePath,
    attendees,
    documents: docs,
    emptyItems: itemsFor(new Map()),
    defaults,
    revising: previous
      ? {
          number: previous.number,
          corrections: previous.corrections
            .filter((c) => c.response === null)
            .flatMap((c) => c.items.map((i) => ({ name: c.signerName, targetId: i.targetId, text: i.text }))),
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  const { user } = await requireStaffAccount(request, scope.accountId!, "send:reconciliation");
  const { t } = await getRequestT(request);
  const submission = parseWithZod(await readForm(request), { schema: minutesFormSchema(scope.locale) });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const actor = { ...scope.actor, userId: user.id };
  const input = minutesInputFromForm(submission.value, scope.accountId!, scope.locale);
  const db = await getDb();
  try {
    if (submission.value.supersedesId) {
      const revised = await reviseMinutes(
        db,
        actor,
        {
          supersedesId: submission.value.supersedesId,
          accountIds: scope.accountIds,
          minutes: input,
          baseUrl: appBaseUrl(),
        },
        { now: new Date() },
      );
      return redirectWithToast(request, `${scope.basePath}/minutes/${revised.id}`, {
        kind: "success",
        message: t("minutes.revised", { number: revised.number, version: revised.version }),
      });
    }
    const recorded = await recordMinutes(db, actor, input, { now: new Date() });
    return redirectWithToast(request, `${scope.basePath}/minutes/${recorded.id}`, {
      kind: "success",
      message: t("minutes.recorded", { number: recorded.number }),
    });
  } catch (error) {
    const refused = refuseMinutesRule(error, t);
    return data(
      { result: submission.reply({ formErrors: [refused.data.error] }), error: refused.data.error },
      { status: refused.init?.status ?? 400 },
    );
  }
}

type Meta = FieldMetadata<string | undefined>;
const inputClass =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

function Labeled({ meta, label, children }: { meta: Meta; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export default function NewMinutes() {
  const { t } = useTranslation();
  const { locale, today, attendees, documents, emptyItems, defaults, revising } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fieldsOfForm] = useValidatedForm(minutesFormSchema(locale), {
    id: "record-minutes",
    lastResult: actionData?.result,
    defaultValue: defaults,
  });
  const fields = fieldsOfForm as unknown as Record<
    "meetingDate" | "channel" | "place" | "sellerAttendees" | "supersedesId",
    Meta
  > & {
    customerAttendeeIds: FieldMetadata<string[] | undefined>;
    topics: FieldMetadata<{ title?: string; notes?: string }[] | undefined>;
    agreements: FieldMetadata<Record<string, unknown>[] | undefined>;
  };
  const submitting = useIsSubmitting("record");
  const topics = fields.topics.getFieldList();
  const agreements = fields.agreements.getFieldList();
  const chosenAttendees = new Set(
    (fields.customerAttendeeIds.initialValue as string[] | string | undefined) ?? ([] as string[]),
  );
  return (
    <Form
      method="post"
      className="max-w-4xl space-y-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      {...getFormProps(form)}
    >
      <div>
        <h2 className="text-xl font-semibold text-slate-900">
          {revising ? t("minutes.reviseTitle", { number: revising.number }) : t("minutes.newTitle")}
        </h2>
        <p className="text-sm text-slate-600">{revising ? t("minutes.reviseIntro") : t("minutes.staffIntro")}</p>
      </div>
      {revising?.corrections.length ? (
        <section aria-labelledby="pending-corrections" className="rounded-md bg-amber-50 p-3 text-sm text-amber-950">
          <h3 id="pending-corrections" className="font-semibold">
            {t("minutes.corrections")}
          </h3>
          <ul className="ml-4 list-disc">
            {revising.corrections.map((c, i) => (
              <li key={i}>
                {c.name} · {c.targetId ?? t("minutes.correctionGeneral")}: {c.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <FormError form={form} />
      <input type="hidden" name="intent" value="record" />
      {revising ? <input type="hidden" name="supersedesId" value={String(fields.supersedesId.initialValue)} /> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Labeled meta={fields.meetingDate} label={t("minutes.meetingDate")}>
          <input
            {...getInputProps(fields.meetingDate, { type: "date", ariaAttributes: true })}
            max={today}
            className={inputClass}
          />
        </Labeled>
        <Labeled meta={fields.channel} label={t("minutes.channel")}>
          <select {...getSelectProps(fields.channel, { ariaAttributes: true })} className={inputClass}>
            {MEETING_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`minutes.channels.${c}`)}
              </option>
            ))}
          </select>
        </Labeled>
        <Labeled meta={fields.place} label={t("minutes.place")}>
          <input {...getInputProps(fields.place, { type: "text", ariaAttributes: true })} className={inputClass} />
        </Labeled>
      </div>
      <fieldset className="space-y-2" aria-describedby="attendees-hint">
        <legend className="text-sm font-medium text-slate-800">{t("minutes.customerAttendees")}</legend>
        <p id="attendees-hint" className="text-xs text-slate-600">
          {t("minutes.customerAttendeesHint")}
        </p>
        {attendees.length === 0 ? <p className="text-sm text-amber-900">{t("minutes.noSigners")}</p> : null}
        {attendees.map((a) => (
          <label key={a.userId} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={fields.customerAttendeeIds.name}
              value={a.userId}
              defaultChecked={chosenAttendees.has(a.userId)}
            />
            {a.name} ({a.email}) · {t(`roles.${a.role}`)}
          </label>
        ))}
        <FieldErrors id={fields.customerAttendeeIds.errorId} errors={fields.customerAttendeeIds.errors} />
      </fieldset>
      <Labeled meta={fields.sellerAttendees} label={t("minutes.sellerAttendees")}>
        <textarea
          rows={2}
          {...getTextareaProps(fields.sellerAttendees, { ariaAttributes: true })}
          className={inputClass}
        />
      </Labeled>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold text-slate-900">{t("minutes.topics")}</legend>
        <FieldErrors id={fields.topics.errorId} errors={fields.topics.errors} />
        {topics.map((topic, index) => {
          const f = topic.getFieldset() as unknown as Record<"title" | "notes", Meta>;
          return (
            <fieldset key={topic.key} className="space-y-2 rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium">{t("minutes.topicN", { n: index + 1 })}</legend>
              <Labeled meta={f.title} label={t("minutes.topicTitle")}>
                <input {...getInputProps(f.title, { type: "text", ariaAttributes: true })} className={inputClass} />
              </Labeled>
              <Labeled meta={f.notes} label={t("minutes.topicNotes")}>
                <textarea rows={2} {...getTextareaProps(f.notes, { ariaAttributes: true })} className={inputClass} />
              </Labeled>
              {topics.length > 1 ? (
                <Button
                  type="submit"
                  variant="secondary"
                  {...form.remove.getButtonProps({ name: fields.topics.name, index })}
                >
                  {t("minutes.removeTopic")}
                </Button>
              ) : null}
            </fieldset>
          );
        })}
        <Button type="submit" variant="secondary" {...form.insert.getButtonProps({ name: fields.topics.name })}>
          {t("minutes.addTopic")}
        </Button>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold text-slate-900">{t("minutes.agreements")}</legend>
        {agreements.map((agreement, index) => {
          const f = agreement.getFieldset() as unknown as Record<"text" | "owner" | "dueDate", Meta> & {
            items: FieldMetadata<Record<string, string>[] | undefined>;
          };
          const rows = f.items.getFieldList();
          return (
            <fieldset key={agreement.key} className="space-y-3 rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium">{t("minutes.agreementN", { n: index + 1 })}</legend>
              <Labeled meta={f.text} label={t("minutes.agreementText")}>
                <textarea rows={2} {...getTextareaProps(f.text, { ariaAttributes: true })} className={inputClass} />
              </Labeled>
              <div className="grid gap-3 sm:grid-cols-2">
                <Labeled meta={f.owner} label={t("minutes.owner")}>
                  <input {...getInputProps(f.owner, { type: "text", ariaAttributes: true })} className={inputClass} />
                </Labeled>
                <Labeled meta={f.dueDate} label={t("minutes.dueDate")}>
                  <input {...getInputProps(f.dueDate, { type: "date", ariaAttributes: true })} className={inputClass} />
                </Labeled>
              </div>
              <fieldset className="space-y-1" aria-describedby={`promise-hint-${index}`}>
                <legend className="text-sm font-medium text-slate-800">{t("minutes.promise")}</legend>
                <p id={`promise-hint-${index}`} className="text-xs text-slate-600">
                  {t("minutes.promiseHint")}
                </p>
                {documents.length === 0 ? (
                  <p className="text-sm text-slate-600">{t("minutes.noOpenDocuments")}</p>
                ) : null}
                <ul className="divide-y divide-slate-100">
                  {documents.map((d, i) => {
                    const row = rows[i]?.getFieldset() as unknown as Record<"amount", Meta> | undefined;
                    const base = `${f.items.name}[${i}]`;
                    const errors = row?.amount.errors;
                    const id = `${agreement.id}-doc-${i}`;
                    return (
                      <li key={d.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
                        <input type="hidden" name={`${base}.documentId`} value={d.id} />
                        <input
                          id={`${id}-pick`}
                          type="checkbox"
                          name={`${base}.selected`}
                          defaultChecked={rows[i]?.getFieldset().selected.initialValue === "on"}
                          className="h-5 w-5"
                        />
                        <label htmlFor={`${id}-pick`} className="min-w-40 flex-1">
                          {d.label} · {d.due} · {d.open}
                        </label>
                        <label htmlFor={`${id}-amount`} className="sr-only">
                          {t("minutes.amount")} {d.label} ({d.currency})
                        </label>
                        <input
                          id={`${id}-amount`}
                          name={`${base}.amount`}
                          defaultValue={
                            (rows[i]?.getFieldset().amount.initialValue as string | undefined) ?? d.openInput
                          }
                          inputMode="decimal"
                          className="w-36 rounded-md border-0 px-2 py-1 text-right ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                          aria-invalid={errors?.length ? true : undefined}
                          aria-describedby={errors?.length ? `${id}-error` : undefined}
                        />
                        <FieldErrors id={`${id}-error`} errors={errors} />
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
              <Button
                type="submit"
                variant="secondary"
                {...form.remove.getButtonProps({ name: fields.agreements.name, index })}
              >
                {t("minutes.removeAgreement")}
              </Button>
            </fieldset>
          );
        })}
        <Button
          type="submit"
          variant="secondary"
          {...form.insert.getButtonProps({
            name: fields.agreements.name,
            defaultValue: { items: emptyItems } as never,
          })}
        >
          {t("minutes.addAgreement")}
        </Button>
      </fieldset>
      <Button type="submit" pending={submitting} pendingLabel={t("common.loading")}>
        {revising ? t("minutes.reviseSubmit") : t("minutes.recordSubmit")}
      </Button>
    </Form>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
