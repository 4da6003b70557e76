// The payment promise emails, in the recipient's language.
import { PromiseNotKeptEmail } from "#emails/promise-not-kept-email";
import type { Currency } from "~/domain/vocabulary";
import { sendEmail } from "~/utils/email.server";
import { type Language, formatDate, formattingLocale, getFixedT } from "~/utils/i18n";
import { formatMoney } from "~/utils/money";

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
