// Minutes as both sides read them: the meeting, attendees with their signatures, topics, agreements
// (a payment promise's documents and what it became), the corrections proposed and their responses,
// the versions it replaced or was replaced by; and the list of an account's minutes. Presentational only.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { MinutesView } from "~/utils/minutes-pages.server";
import { EnvelopeStatusBadge, SignedDocumentList, type SignedDocumentRow } from "./reconciliation";

export interface MinutesListRow extends SignedDocumentRow {
  version: number;
  meetingDate: string;
  channel: "meeting" | "call" | "video";
}

export function MinutesList({ rows, showAccount }: { rows: MinutesListRow[]; showAccount: boolean }) {
  const { t } = useTranslation();
  return (
    <SignedDocumentList
      rows={rows}
      showAccount={showAccount}
      label={t("minutes.title")}
      empty={t("minutes.none")}
      openLabel={(r) => t("minutes.openOne", { number: r.number })}
      columns={[
        { key: "meetingDate", label: t("minutes.meetingDate"), cell: (r) => r.meetingDate },
        { key: "channel", label: t("minutes.channel"), cell: (r) => t(`minutes.channels.${r.channel}`) },
      ]}
    />
  );
}

export function MinutesContent({
  minutes,
  basePath,
  pdfHref,
  promisesHref,
}: {
  minutes: MinutesView;
  /** Where the account's minutes live (links to other versions). */
  basePath: string;
  pdfHref: string;
  promisesHref: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">
          {t("minutes.oneVersion", { number: minutes.number, version: minutes.version })}
        </h1>
        <p className="text-slate-700">
          {minutes.seller} · {minutes.accountName}
        </p>
        <p>
          <EnvelopeStatusBadge status={minutes.status} />
        </p>
      </div>
      {minutes.supersededBy ? (
        <p role="note" className="rounded-md bg-slate-100 p-3 text-sm text-slate-800">
          {t("minutes.supersededBy", { number: minutes.supersededBy.number, version: minutes.supersededBy.version })}{" "}
          <Link to={`${basePath}/${minutes.supersededBy.id}`} className="font-medium text-brand-700 underline">
            {t("minutes.openNewVersion")}
          </Link>
        </p>
      ) : null}
      {minutes.previous ? (
        <p className="text-sm text-slate-700">
          {t("minutes.supersedes", { number: minutes.previous.number, version: minutes.previous.version })}{" "}
          <Link to={`${basePath}/${minutes.previous.id}`} className="text-brand-700 underline">
            {t("minutes.openPreviousVersion")}
          </Link>
        </p>
      ) : null}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">{t("minutes.meetingDate")}</dt>
          <dd className="font-medium">{minutes.meetingDate}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("minutes.channel")}</dt>
          <dd>
            {t(`minutes.channels.${minutes.channel}`)} · {minutes.place}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("minutes.sellerAttendees")}</dt>
          <dd>{minutes.sellerAttendees.join(", ")}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("minutes.preparedBy")}</dt>
          <dd>{minutes.preparedBy}</dd>
        </div>
        {minutes.expiresAt && !minutes.completedAt ? (
          <div>
            <dt className="text-slate-600">{t("signing.expiresAt")}</dt>
            <dd>{minutes.expiresAt}</dd>
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <dt className="text-slate-600">{t("signing.contentHash")}</dt>
          <dd className="break-all font-mono text-xs">{minutes.contentSha256}</dd>
        </div>
      </dl>
      <section aria-labelledby="minutes-attendees" className="space-y-2">
        <h2 id="minutes-attendees" className="text-lg font-semibold text-slate-900">
          {t("minutes.customerAttendees")}
        </h2>
        <ul className="space-y-1 text-sm">
          {minutes.customerAttendees.map((a) => (
            <li key={a.userId}>
              {a.name} ({a.email}){a.status ? ` · ${t(`signing.signerStatuses.${a.status}`)}` : ""}
              {a.signedAt ? ` · ${t("signing.signedBy", { name: a.typedName ?? a.name, time: a.signedAt })}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="minutes-topics" className="space-y-2">
        <h2 id="minutes-topics" className="text-lg font-semibold text-slate-900">
          {t("minutes.topics")}
        </h2>
        <ol className="space-y-2 text-sm">
          {minutes.topics.map((topic) => (
            <li key={topic.id} className="rounded-md border border-slate-200 bg-white p-3">
              <p className="font-medium">
                {topic.id}. {topic.title}
              </p>
              {topic.notes ? <p className="whitespace-pre-line text-slate-700">{topic.notes}</p> : null}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="minutes-agreements" className="space-y-2">
        <h2 id="minutes-agreements" className="text-lg font-semibold text-slate-900">
          {t("minutes.agreements")}
        </h2>
        {minutes.agreements.length === 0 ? <p className="text-sm text-slate-600">{t("minutes.noAgreements")}</p> : null}
        <ol className="space-y-2 text-sm">
          {minutes.agreements.map((a) => (
            <li key={a.id} className="rounded-md border border-slate-200 bg-white p-3">
              <p className="font-medium">
                {a.id}. {a.text}
              </p>
              <p className="text-slate-700">
                {t("minutes.owner")}: {a.owner} · {t("minutes.dueDate")}: {a.due}
              </p>
              {a.promise ? (
                <div className="mt-1">
                  <p>
                    <strong>{t("minutes.promiseAmount", { amount: a.promise.amount })}</strong> ·{" "}
                    {a.promise.documents.map((d) => `${d.serieFolio} ${d.amount}`).join(", ")}
                  </p>
                  {a.outcome?.promiseId ? (
                    <p className="text-emerald-800">
                      {t("minutes.promiseRecorded")} ·{" "}
                      <Link to={promisesHref} className="text-brand-700 underline">
                        {t("minutes.viewPromises")}
                      </Link>
                    </p>
                  ) : null}
                  {a.outcome?.refusedCode ? (
                    <p className="text-amber-900">
                      {t("minutes.promiseRefused", {
                        reason: t(`paymentErrors.${a.outcome.refusedCode as "document.not_payable"}`, {
                          defaultValue: a.outcome.refusedCode,
                        }),
                      })}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {minutes.corrections.length ? (
        <section aria-labelledby="minutes-corrections" className="space-y-2">
          <h2 id="minutes-corrections" className="text-lg font-semibold text-slate-900">
            {t("minutes.corrections")}
          </h2>
          <ul className="space-y-2 text-sm">
            {minutes.corrections.map((c) => (
              <li key={c.id} className="rounded-md border border-amber-200 bg-amber-50 p-3">
                <p>
                  {t("minutes.correctionBy", { name: c.signerName })}{" "}
                  <span className="text-slate-600">{c.createdAt}</span>
                </p>
                <ul className="ml-4 list-disc">
                  {c.items.map((i, n) => (
                    <li key={n}>
                      <strong>
                        {i.target === "general" ? t("minutes.correctionGeneral") : `${i.targetId}. ${i.label}`}
                      </strong>
                      : {i.text}
                    </li>
                  ))}
                </ul>
                <p className="mt-1 text-slate-800">
                  {c.response === "answered"
                    ? t("minutes.correctionAnswered", { message: c.responseMessage })
                    : c.response === "accepted"
                      ? t("minutes.correctionAccepted")
                      : t("minutes.correctionPending")}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {minutes.status === "signed" ? (
        minutes.sealed ? (
          <div className="space-y-1 text-sm">
            <Link reloadDocument to={pdfHref} className="font-medium text-brand-700 underline hover:no-underline">
              {t("signing.downloadSealed")}
            </Link>
            <p>
              {t("signing.verificationCode")}: <span className="font-mono">{minutes.verificationCode}</span>
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-600">{t("signing.notSealedYet")}</p>
        )
      ) : null}
    </div>
  );
}
