// Statement periods: calendar dates (YYYY-MM-DD) in the seller's time zone, the same kind of date
// the ledger stores, so "today" for a Mexican seller is the date on a wall clock in Mexico City.

export interface StatementPeriod {
  from: string;
  to: string;
}

/** The calendar date (YYYY-MM-DD) that `now` falls on in `timeZone`. */
export function getLocalDate(timeZone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD; formatToParts keeps it independent of that locale detail anyway.
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * The current month to date in the seller's time zone: from the 1st to today. It stops at today
 * rather than the month's last day so the aging (computed at the period end) never ages items
 * against a date that has not come yet.
 */
export function defaultStatementPeriod(timeZone: string, now: Date): StatementPeriod {
  const today = getLocalDate(timeZone, now);
  return { from: `${today.slice(0, 8)}01`, to: today };
}
