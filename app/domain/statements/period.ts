// Statement periods: calendar dates (YYYY-MM-DD) in the seller's time zone, the same kind of date
// the ledger stores, so "today" for a Mexican seller is the date on a wall clock in Mexico City.
import { todayIn } from "~/utils/i18n";

export interface StatementPeriod {
  from: string;
  to: string;
}

/**
 * The current month to date in the seller's time zone: from the 1st to today. It stops at today
 * rather than the month's last day so the aging (computed at the period end) never ages items
 * against a date that has not come yet.
 */
export function defaultStatementPeriod(timeZone: string, now: Date): StatementPeriod {
  const today = todayIn(timeZone, now);
  return { from: `${today.slice(0, 8)}01`, to: today };
}
