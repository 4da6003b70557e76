// The payment promise emails, in the recipient's language.
import { PaymentEmail } from "#emails/payment-email";
import { PromiseNotKeptEmail } from "#emails/promise-not-kept-email";
import type { Country, Currency } from "~/domain/vocabulary";
import { sendEmail } from "~/utils/email.server";
import { type Language, formatDate, formattingLocale, getFixedT } from "~/utils/i18n";
import { compareMoney, formatMoney, subtractMoney } from "~/utils/money";

export async function sendPromiseNotKeptEmail(input: {
  to: string;
  name: string;
  language: Language;
  account: string;
  status: "broken" | "partly_kept";
  amount: string;
  paidAmount: string;
  currency: Currency;
  promisedDate: string;
  url: string;
}) {
  const t = getFixedT(input.language);
  const locale = formattingLocale(input.language, input.currency === "COP" ? "CO" : "MX");
  const values = {
    account: input.account,
    amount: formatMoney(input.amount, input.currency, locale),
    paid: formatMoney(input.paidAmount, input.currency, locale),
    date: formatDate(input.promisedDate, locale),
  };
  const heading = t(`promises.email.${input.status}Subject`, values);
  return sendEmail({
    to: input.to,
    subject: heading,
    react: (
      <PromiseNotKeptEmail
        t={t}
        language={input.language}
        heading={heading}
        body={t(`promises.email.${input.status}Body`, values)}
        link={input.url}
      />
    ),
  });
}

/** To the customer who made it: the promise is due tomorrow, what it covers and what is still missing. */
export async function sendPromiseReminderEmail(input: {
  to: string;
  language: Language;
  country: Country;
  account: string;
  amount: string;
  paidAmount: string;
  currency: Currency;
  promisedDate: string;
  items: { label: string; amount: string }[];
  url: string;
}) {
  const t = getFixedT(input.language);
  const locale = formattingLocale(input.language, input.country);
  const money = (amount: string) => formatMoney(amount, input.currency, locale);
  const values = {
    account: input.account,
    amount: money(input.amount),
    paid: money(input.paidAmount),
    missing: money(subtractMoney(input.amount, input.paidAmount)),
    date: formatDate(input.promisedDate, locale),
  };
  const heading = t("promises.email.reminderSubject", values);
  const lines = [t("promises.email.reminderBody", values)];
  if (compareMoney(input.paidAmount, "0") > 0) lines.push(t("promises.email.reminderPaid", values));
  return sendEmail({
    to: input.to,
    subject: heading,
    react: (
      <PaymentEmail
        t={t}
        language={input.language}
        heading={heading}
        lines={lines}
        rows={input.items.map((i) => ({ label: i.label, amount: money(i.amount) }))}
        cta={t("promises.email.reminderCta")}
        link={input.url}
      />
    ),
  });
}
