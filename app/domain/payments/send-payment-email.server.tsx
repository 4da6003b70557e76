// Delivers one queued payment email (queue-payment-emails.server.ts): the sweeper's handler for
// PAYMENT_EMAIL_TASK. It re-reads the registration and the recipient when it runs and writes in the
// recipient's language (its saved preference, else Spanish), with the one link to the payment's page
// on the configured APP_URL (never a request's Host). A registration's mail carries its provisional
// receipt (PDF); a confirmation lists what was applied and carries the REPs of the Mexican PPD invoices
// (XML and printed PDF); a rejection gives the collector's reason. A recipient disabled, or no longer
// granted on the account, gets nothing. A failed send throws, so the task is retried with backoff.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { accountGrants, paymentRegistrations, users } from "#db/schema";
import { PaymentEmail } from "#emails/payment-email";
import type { TaskHandler } from "~/jobs/scheduled-tasks.server";
import type { DbOrTx } from "~/utils/db.server";
import { type EmailAttachment, sendEmail } from "~/utils/email.server";
import { appBaseUrl } from "~/utils/env.server";
import { DEFAULT_LANGUAGE, formatDate, formattingLocale, getFixedT, isLanguage } from "~/utils/i18n";
import { addMoney, compareMoney, formatMoney, subtractMoney } from "~/utils/money";
import { allocationTotals, provisionalReceiptData, repPdfData } from "./payment-pdf-data.server";
import { PAYMENT_EMAIL_EVENTS, type PaymentEmailEvent, withoutLinks } from "./queue-payment-emails.server";
import { getCustomerRegistration, getPaymentReceipt } from "./read-payment-registrations.server";
import { renderPaymentPdf } from "./render-payment-pdf.server";

const PayloadSchema = z.object({
  registrationId: z.string(),
  event: z.enum(PAYMENT_EMAIL_EVENTS),
  recipientId: z.string(),
});

/** The registration's page in the portal: the one link of its emails. */
export function registrationLink(registrationId: string, baseUrl = appBaseUrl()): string {
  return `${baseUrl}/portal/payments/registrations/${registrationId}`;
}

export async function sendPaymentEmail(
  db: DbOrTx,
  input: { registrationId: string; event: PaymentEmailEvent; recipientId: string },
) {
  const [recipient] = await db
    .select({
      email: users.email,
      language: users.language,
      disabledAt: users.disabledAt,
      granted: sql<boolean>`exists (select 1 from ${accountGrants} g where g.user_id = ${users.id}
        and g.account_id = (select r.account_id from ${paymentRegistrations} r where r.id = ${input.registrationId}))`,
    })
    .from(users)
    .where(and(eq(users.id, input.recipientId), eq(users.kind, "customer")));
  if (!recipient || recipient.disabledAt || !recipient.granted) return null;
  const [{ accountId }] = await db
    .select({ accountId: paymentRegistrations.accountId })
    .from(paymentRegistrations)
    .where(eq(paymentRegistrations.id, input.registrationId));
  const detail = await getCustomerRegistration(db, [accountId], input.registrationId);
  if (!detail) return null;
  const r = detail.registration;
  const language = isLanguage(recipient.language) ? recipient.language : DEFAULT_LANGUAGE;
  const t = getFixedT(language);
  const locale = formattingLocale(language, r.country);
  const money = (amount: string, currency = r.currency) => formatMoney(amount, currency, locale);
  const vars = {
    folio: `RP-${r.number}`,
    amount: money(r.amount),
    method: t(`registrations.methods.${r.method}`),
    paidOn: formatDate(r.paidOn, locale),
    account: `${r.accountName} (${r.accountNumber})`,
  };
  const key = `email.payment.${input.event}` as const;
  const lines = [t(`${key}.body`, vars)];
  let rows: { label: string; amount: string }[] = [];
  const attachments: EmailAttachment[] = [];
  const pdfOptions = { language, locale };

  if (input.event === "registered") {
    rows = detail.allocations.map((a) => ({ label: `${a.series}-${a.folio}`, amount: money(a.amount, a.currency) }));
    const { onAccount } = allocationTotals(detail);
    if (compareMoney(onAccount, "0") > 0) lines.push(t("email.payment.onAccount", { amount: money(onAccount) }));
    lines.push(t("email.payment.receiptAttached"));
    const pdf = await renderPaymentPdf(
      { document: "provisional_receipt", data: provisionalReceiptData(detail, language) },
      pdfOptions,
      "queue",
    );
    attachments.push({
      filename: `recibo-provisional-RP-${r.number}.pdf`,
      content: pdf,
      contentType: "application/pdf",
    });
  } else if (input.event === "confirmed") {
    // What the confirmation applied: its own applications (not reversals made later).
    const applied = detail.applied.filter((a) => a.reversesId === null);
    rows = applied.map((a) => ({ label: `${a.series}-${a.folio}`, amount: money(a.amount) }));
    const onAccount = subtractMoney(r.amount, applied.length > 0 ? addMoney(...applied.map((a) => a.amount)) : "0");
    lines.push(t(rows.length > 0 ? "email.payment.appliedAs" : "email.payment.nothingApplied"));
    if (compareMoney(onAccount, "0") > 0) lines.push(t("email.payment.onAccount", { amount: money(onAccount) }));
    if (detail.receipts.length > 0) {
      lines.push(
        t("email.payment.repsAttached", { reps: detail.receipts.map((x) => `${x.series}-${x.folio}`).join(", ") }),
      );
      for (const listed of detail.receipts) {
        const receipt = await getPaymentReceipt(db, [accountId], listed.id);
        if (!receipt) continue;
        const name = `${receipt.series}-${receipt.folio}`;
        attachments.push({
          filename: `${name}.xml`,
          content: new TextEncoder().encode(receipt.xml),
          contentType: "application/xml",
        });
        const pdf = await renderPaymentPdf({ document: "rep", data: repPdfData(receipt) }, pdfOptions, "queue");
        attachments.push({ filename: `${name}.pdf`, content: pdf, contentType: "application/pdf" });
      }
    }
  } else {
    lines.push(t("email.payment.reason", { reason: withoutLinks(r.rejectionReason ?? "") }));
  }
  return sendEmail({
    to: recipient.email,
    subject: t(`${key}.subject`, vars),
    react: (
      <PaymentEmail
        t={t}
        language={language}
        heading={t(`${key}.subject`, vars)}
        lines={lines}
        rows={rows}
        cta={t("email.payment.cta")}
        link={registrationLink(r.id)}
      />
    ),
    attachments,
  });
}

/** The sweeper's handler for PAYMENT_EMAIL_TASK. */
export const handlePaymentEmailDue: TaskHandler = async (tx, payload) => {
  await sendPaymentEmail(tx, PayloadSchema.parse(payload));
};
