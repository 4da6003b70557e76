// "Email me the statement": renders the statement's PDF, sends it to the reader's own address, and
// records that it was sent. The caller has authorized the reader for the account and spent the
// budget; a full PDF pool throws PdfRendererBusyError before anything is sent or recorded.
import { createElement } from "react";
import { StatementEmail } from "#emails/statement-email";
import { type Actor, recordAuditEvent } from "~/domain/audit/record-audit-events.server";
import type { DbOrTx } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { type Language, formatDate, getFixedT } from "~/utils/i18n";
import { renderStatementPdf } from "./pdf/render-statement-pdf.server";
import type { Statement } from "./types";

/** The file name (without extension) of a statement's downloads and attachment. */
export function statementFileBase(s: { customer: { accountNumber: string }; period: { from: string; to: string } }) {
  return `estado-de-cuenta-${s.customer.accountNumber}-${s.period.from}-${s.period.to}`.replace(
    /[^A-Za-z0-9._-]/g,
    "_",
  );
}

export async function emailStatement(
  db: DbOrTx,
  actor: Actor,
  input: { statement: Statement; to: string; language: Language; locale: string },
): Promise<void> {
  const { statement, language, locale } = input;
  const pdf = await renderStatementPdf(statement, { language, locale });
  const t = getFixedT(language);
  const vars = {
    account: `${statement.customer.legalName} (${statement.customer.accountNumber})`,
    from: formatDate(statement.period.from, locale),
    to: formatDate(statement.period.to, locale),
  };
  await sendEmail({
    to: input.to,
    subject: t("statement.emailSubject", vars),
    react: createElement(StatementEmail, { t, language, body: t("statement.emailBody", vars) }),
    attachments: [{ filename: `${statementFileBase(statement)}.pdf`, content: pdf, contentType: "application/pdf" }],
  });
  await recordAuditEvent(db, actor, {
    action: "statement.emailed",
    entityType: "customer_account",
    entityId: statement.customer.accountId,
    accountId: statement.customer.accountId,
    after: { to: input.to, period: statement.period },
  });
}
