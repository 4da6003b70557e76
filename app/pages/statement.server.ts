// Loader, downloads and "email it to me" of the statement of account, shared by the customer portal
// and the staff customer view. The period and the aging date come from the URL.
import { type Submission, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { z } from "zod";
import { IsoDateSchema } from "~/domain/ledger/schemas";
import { PdfRendererBusyError, isPdfRendererBusy, pdfRetryAfterSeconds } from "~/domain/pdf/pdf-pool.server";
import { emailStatement, statementFileBase } from "~/domain/statements/email-statement.server";
import { exportStatementCsv } from "~/domain/statements/export-statement-csv.server";
import { exportStatementXlsx } from "~/domain/statements/export-statement-xlsx.server";
import { getStatement } from "~/domain/statements/get-statement.server";
import { renderStatementPdf } from "~/domain/statements/pdf/render-statement-pdf.server";
import {
  MAX_STATEMENT_MONTHS,
  defaultStatementPeriod,
  earliestStatementStart,
  isStatementPeriodTooLong,
} from "~/domain/statements/period";
import { StatementActionSchema } from "~/domain/statements/schemas";
import { type AccountScope, requireSingleAccount } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { getFixedT } from "~/utils/i18n";
import { notFound } from "~/utils/permissions.server";
import { consumeRateLimit, rateLimitMessage, retryAfterHeaders, tooManyRequests } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pdfBusyMessage, refuseIfPdfBusy, renderOrBusy } from "./pdf-busy.server";

const StatementParamsSchema = z
  .object({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional(), asOf: IsoDateSchema.optional() })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { path: ["to"] });

/**
 * The requested period (or this month to date in the seller's time zone) and aging date. A period
 * longer than MAX_STATEMENT_MONTHS keeps its end and starts as early as allowed (`tooLong` says so).
 */
function readPeriod(url: URL, scope: AccountScope) {
  const raw = Object.fromEntries(["from", "to", "asOf"].map((k) => [k, url.searchParams.get(k) || undefined]));
  const parsed = StatementParamsSchema.safeParse(raw);
  const fallback = defaultStatementPeriod(scope.timeZone, new Date());
  if (!parsed.success) return { ...fallback, asOf: undefined, invalid: true, tooLong: false };
  const from = parsed.data.from ?? fallback.from;
  const to = parsed.data.to ?? (parsed.data.from && parsed.data.from > fallback.to ? parsed.data.from : fallback.to);
  if (from > to) return { ...fallback, asOf: undefined, invalid: true, tooLong: false };
  if (isStatementPeriodTooLong(from, to))
    return { from: earliestStatementStart(to), to, asOf: parsed.data.asOf, invalid: false, tooLong: true };
  return { from, to, asOf: parsed.data.asOf, invalid: false, tooLong: false };
}

async function statementFor(request: Request, scope: AccountScope, period = readPeriod(new URL(request.url), scope)) {
  const { accountId } = requireSingleAccount(scope);
  const statement = await getStatement(
    await getDb(),
    { accountId, accountIds: scope.accountIds, from: period.from, to: period.to, asOf: period.asOf },
    { ledgerVersions: scope.ledgerVersions },
  );
  if (!statement) notFound();
  return { statement, period };
}

/** Movements shown per screen page; downloads always carry every movement. */
export const STATEMENT_PAGE_SIZE = 200;

export async function load(request: Request, scope: AccountScope) {
  const { statement, period } = await statementFor(request, scope);
  const query = new URLSearchParams({
    from: statement.period.from,
    to: statement.period.to,
    ...(period.asOf ? { asOf: period.asOf } : {}),
  });
  // A year of a large account is thousands of rows: the screen shows them a page at a time (each row
  // carries its running balance, so a page stands on its own); totals and aging cover the whole period.
  const longest = Math.max(0, ...statement.sections.map((section) => section.movements.length));
  const pages = Math.max(1, Math.ceil(longest / STATEMENT_PAGE_SIZE));
  const requested = Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), pages) : 1;
  const start = (page - 1) * STATEMENT_PAGE_SIZE;
  const onScreen = {
    ...statement,
    sections: statement.sections.map((section) => ({
      ...section,
      movements: section.movements.slice(start, start + STATEMENT_PAGE_SIZE),
      movementCount: section.movements.length,
    })),
  };
  return {
    statement: onScreen,
    pagination: { page, pages, start },
    asOf: period.asOf ?? null,
    invalidPeriod: period.invalid,
    /** The requested period was longer than a statement may be: it was shortened to this many months. */
    periodLimitedToMonths: period.tooLong ? MAX_STATEMENT_MONTHS : null,
    query: query.toString(),
    basePath: scope.basePath,
    locale: scope.locale,
    email: scope.user.email,
  };
}

export type StatementData = Awaited<ReturnType<typeof load>>;

/**
 * Downloads are not shortened behind the reader's back: a period longer than a statement may be is
 * refused (the page's own links always carry a period the page has already shortened).
 */
function refuseLongPeriod(scope: AccountScope, period: ReturnType<typeof readPeriod>) {
  if (!period.tooLong) return null;
  return getFixedT(scope.language)("statement.periodTooLongDownload", { months: MAX_STATEMENT_MONTHS });
}

export async function download(request: Request, scope: AccountScope, format: string | undefined) {
  if (format !== "pdf" && format !== "xlsx" && format !== "csv") notFound();
  requireSingleAccount(scope);
  const period = readPeriod(new URL(request.url), scope);
  const refused = refuseLongPeriod(scope, period);
  if (refused)
    return new Response(refused, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  // A full PDF pool answers 503 before the request spends its budget or loads the statement.
  const busy = format === "pdf" ? refuseIfPdfBusy(scope) : null;
  if (busy) return busy;
  const limit = await consumeRateLimit(format === "pdf" ? "pdf" : "statementExport", scope.user.id);
  if (!limit.ok)
    return tooManyRequests(
      rateLimitMessage(getFixedT(scope.language), "rateLimit.downloads", limit.retryAfterSeconds),
      limit.retryAfterSeconds,
    );
  const { statement } = await statementFor(request, scope, period);
  const options = { language: scope.language, locale: scope.locale };
  const base = statementFileBase(statement);
  const respond = (body: Uint8Array, type: string, ext: string) =>
    new Response(body as Uint8Array<ArrayBuffer>, {
      headers: {
        "Content-Type": type,
        "Content-Disposition": `attachment; filename="${base}.${ext}"`,
        "Cache-Control": "private, no-store",
      },
    });
  if (format === "pdf") {
    const rendered = await renderOrBusy(scope, () => renderStatementPdf(statement, options));
    return "busy" in rendered ? rendered.busy : respond(rendered.pdf, "application/pdf", "pdf");
  }
  if (format === "xlsx")
    return respond(
      await exportStatementXlsx(statement, options),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "xlsx",
    );
  return respond(exportStatementCsv(statement, options), "text/csv; charset=utf-8", "csv");
}

/** What the statement page's form shows when it was refused: conform's reply (form errors in words). */
export interface StatementActionData {
  result: SubmissionResult<string[]>;
}

/** The statement page's action: parses the form with the page's schema and runs its intent. */
export async function act(request: Request, scope: AccountScope) {
  const submission = parseWithZod(await readForm(request), { schema: StatementActionSchema });
  if (submission.status !== "success")
    return data<StatementActionData>({ result: submission.reply() }, { status: 400 });
  return emailStatementToReader(request, scope, submission);
}

/** Sends the statement PDF to the signed-in user's own email address. */
async function emailStatementToReader(
  request: Request,
  scope: AccountScope,
  submission: Pick<Submission<unknown>, "reply">,
) {
  requireSingleAccount(scope);
  const t = getFixedT(scope.language);
  const refuse = (formError: string, init: ResponseInit) =>
    data<StatementActionData>({ result: submission.reply({ formErrors: [formError] }) }, init);
  const period = readPeriod(new URL(request.url), scope);
  const refused = refuseLongPeriod(scope, period);
  if (refused) return refuse(refused, { status: 400 });
  const busy = (retryAfterSeconds: number) =>
    refuse(pdfBusyMessage(scope, retryAfterSeconds), {
      status: 503,
      headers: retryAfterHeaders(retryAfterSeconds),
    });
  if (isPdfRendererBusy()) return busy(pdfRetryAfterSeconds());
  const limit = await consumeRateLimit("statementEmail", scope.user.id);
  if (!limit.ok)
    return refuse(rateLimitMessage(t, "rateLimit.statementEmail", limit.retryAfterSeconds), {
      status: 429,
      headers: retryAfterHeaders(limit.retryAfterSeconds),
    });
  const { statement } = await statementFor(request, scope, period);
  try {
    await emailStatement(await getDb(), scope.actor, {
      statement,
      to: scope.user.email,
      language: scope.language,
      locale: scope.locale,
    });
  } catch (error) {
    if (error instanceof PdfRendererBusyError) return busy(error.retryAfterSeconds);
    throw error;
  }
  const url = new URL(request.url);
  return redirectWithToast(request, `${url.pathname}${url.search}`, {
    kind: "success",
    message: t("statement.emailed", { email: scope.user.email }),
  });
}
