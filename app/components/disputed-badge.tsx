import { useTranslation } from "react-i18next";
import { type Currency, type MoneyString, formatMoney } from "~/utils/money";

/** "En aclaración $150.00": the amount open claims dispute on a document (list rows, cards, detail). */
export function DisputedBadge({
  amount,
  currency,
  locale,
}: {
  amount: MoneyString;
  currency: Currency;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <span
      data-testid="disputed-badge"
      className="inline-flex whitespace-nowrap rounded-full bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-900 ring-1 ring-inset ring-violet-200"
    >
      {t("claims.disputedBadge", { amount: formatMoney(amount, currency, locale) })}
    </span>
  );
}
