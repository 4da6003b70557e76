// Statement periods: calendar dates (YYYY-MM-DD) in the seller's time zone, the same kind of date
// the ledger stores, so "today" for a Mexican seller is the date on a wall clock in Mexico City.
import { todayIn } from "~/utils/i18n";

export interface StatementPeriod {
  from: string;
  to: string;
}

/**
 * The current month to date in the seller's time zone: from the 1st to today (on the 1st itself, the
 * previous month). It stops at today
 * rather than the month's last day so the aging (computed at the period end) never ages items
 * against a date that has not come yet.
 */
export function defaultStatementPeriod(timeZone: string, now: Date): StatementPeriod {
  const today = todayIn(timeZone, now);
  // On the 1st the month to date is one day long and nearly empty: what a customer wants then is
  // the month that just closed.
  if (today.endsWith("-01")) {
    const [year, month] = today.split("-").map(Number);
    const lastDay = new Date(Date.UTC(year, month - 1, 0));
    const to = lastDay.toISOString().slice(0, 10);
    return { from: `${to.slice(0, 8)}01`, to };
  }
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/**
 * The longest period one statement covers. A statement reads every movement of the period and
 * renders each into the PDF: a customer's whole history took seconds of CPU and held up other
 * requests, and nobody reads a ten-year statement on paper.
 */
export const MAX_STATEMENT_MONTHS = 24;

/**
 * The earliest start of a statement ending on `to`: the day after the same day MAX_STATEMENT_MONTHS
 * earlier (the month's last day when that month is shorter), so [start, to] spans at most 24 months:
 * 2026-10-31 → 2024-11-01, 2026-02-28 → 2024-02-29.
 */
export function earliestStatementStart(to: string): string {
  const [year, month, day] = to.split("-").map(Number);
  const monthIndex = month - 1 - MAX_STATEMENT_MONTHS;
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex + 1, 0); // the last day of the month MAX_STATEMENT_MONTHS earlier
  date.setUTCFullYear(year, monthIndex, Math.min(day, date.getUTCDate()) + 1);
  return date.toISOString().slice(0, 10);
}

/** True when [from, to] is longer than a statement may be. */
export function isStatementPeriodTooLong(from: string, to: string): boolean {
  return from < earliestStatementStart(to);
}
