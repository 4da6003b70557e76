// Business-hour arithmetic for SLA deadlines: how far N business minutes from an instant reach, and
// how many business minutes lie between two instants, on a working calendar (opening hours per ISO
// weekday in local time, public holidays as calendar dates) in the calendar's time zone. Pure: the
// calendar is data (loaded from working_calendars / working_hours / public_holidays), `now` is always
// passed in. Temporal does the time-zone work (a DST change, should a country bring it back, moves
// the opening instant, not the arithmetic).
import { Temporal } from "temporal-polyfill";

export interface OpeningInterval {
  /** Minutes from local midnight, [opens, closes). */
  opensMinute: number;
  closesMinute: number;
}

export interface WorkingCalendar {
  timeZone: string;
  /** ISO weekday (1 Monday … 7 Sunday) → its opening intervals; a missing weekday is closed. */
  hours: Readonly<Partial<Record<number, readonly OpeningInterval[]>>>;
  /** Public holidays, "YYYY-MM-DD" in the calendar's time zone: closed all day. */
  holidays: ReadonlySet<string>;
}

const MINUTE_MS = 60_000;
// A calendar with no opening hours at all would loop forever; ten years of closed days is an error.
const MAX_DAYS = 3660;

function intervalsOn(calendar: WorkingCalendar, day: Temporal.PlainDate): readonly OpeningInterval[] {
  if (calendar.holidays.has(day.toString())) return [];
  return [...(calendar.hours[day.dayOfWeek] ?? [])].sort((a, b) => a.opensMinute - b.opensMinute);
}

function instantAt(calendar: WorkingCalendar, day: Temporal.PlainDate, minute: number): number {
  // 1440 (closing at midnight) is the next day's 00:00.
  const date = minute >= 1440 ? day.add({ days: 1 }) : day;
  const m = minute % 1440;
  const time = new Temporal.PlainTime(Math.floor(m / 60), m % 60);
  return date.toZonedDateTime({ timeZone: calendar.timeZone, plainTime: time }).epochMilliseconds;
}

function localDate(calendar: WorkingCalendar, epochMs: number): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(calendar.timeZone).toPlainDate();
}

/** Each business interval [start, end) in epoch ms from the local day of `fromMs` on, clipped to start at `fromMs`. */
function* businessIntervals(calendar: WorkingCalendar, fromMs: number): Generator<[number, number]> {
  let day = localDate(calendar, fromMs);
  for (let i = 0; i < MAX_DAYS; i += 1, day = day.add({ days: 1 })) {
    for (const interval of intervalsOn(calendar, day)) {
      const start = instantAt(calendar, day, interval.opensMinute);
      const end = instantAt(calendar, day, interval.closesMinute);
      if (end <= fromMs) continue;
      yield [Math.max(start, fromMs), end];
    }
  }
  throw new Error(`working calendar ${calendar.timeZone} has no business hours in ${MAX_DAYS} days`);
}

/**
 * The instant `minutes` business minutes after `from`. Starting outside business hours (a Friday
 * night, a holiday), the clock starts at the next opening. Zero minutes answers `from` itself.
 */
export function addBusinessMinutes(from: Date, minutes: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(minutes) || minutes < 0)
    throw new RangeError(`business minutes must be a whole number ≥ 0: ${minutes}`);
  if (minutes === 0) return new Date(from.getTime());
  let left = minutes * MINUTE_MS;
  for (const [start, end] of businessIntervals(calendar, from.getTime())) {
    if (left <= end - start) return new Date(start + left);
    left -= end - start;
  }
  /* c8 ignore next */
  throw new Error("unreachable");
}

/** Business minutes between two instants (0 when `to` is not after `from`), rounded down to whole minutes. */
export function businessMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const toMs = to.getTime();
  if (toMs <= from.getTime()) return 0;
  let total = 0;
  for (const [start, end] of businessIntervals(calendar, from.getTime())) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
    if (end >= toMs) break;
  }
  return Math.floor(total / MINUTE_MS);
}

/** Pausing the clock (waiting on the customer) at `at`: the business minutes left until `dueAt`. */
export function pauseDeadline(dueAt: Date, at: Date, calendar: WorkingCalendar): number {
  return businessMinutesBetween(at, dueAt, calendar);
}

/** Resuming the clock at `at` with `remainingMinutes` left: the new deadline. */
export function resumeDeadline(remainingMinutes: number, at: Date, calendar: WorkingCalendar): Date {
  return addBusinessMinutes(at, remainingMinutes, calendar);
}

/** How much of a level's budget is left at `now` (0…1), for the queue's "at risk" (< 25 %) state. */
export function shareOfBudgetLeft(dueAt: Date, now: Date, budgetMinutes: number, calendar: WorkingCalendar): number {
  if (budgetMinutes <= 0) return 0;
  return Math.min(1, businessMinutesBetween(now, dueAt, calendar) / budgetMinutes);
}

/** A claim is "at risk" once less than this share of its level's business time is left. */
export const AT_RISK_SHARE = 0.25;

/**
 * When a deadline set at `from` with `minutes` business minutes to go (of a level budget of
 * `budgetMinutes`) becomes at risk: once fewer than AT_RISK_SHARE × budget minutes are left; `from`
 * itself when that is already so (a resumed claim with little time left).
 */
export function atRiskInstant(from: Date, minutes: number, budgetMinutes: number, calendar: WorkingCalendar): Date {
  const before = Math.max(0, minutes - Math.ceil(budgetMinutes * AT_RISK_SHARE));
  return addBusinessMinutes(from, before, calendar);
}

/**
 * Business time from `from` to any instant up to `to` on one calendar, for many look-ups (the SLA
 * dashboard measures thousands of claims): the intervals businessMinutesBetween walks, summed once,
 * each look-up a binary search. `elapsedMs(at)` is the business milliseconds from `from` to `at`
 * (clipped to [from, to]); businessMinutes(a, b) equals businessMinutesBetween(a, b) for from ≤ a ≤ b ≤ to.
 */
export function businessClock(calendar: WorkingCalendar, from: Date, to: Date) {
  const fromMs = from.getTime();
  const toMs = Math.max(fromMs, to.getTime());
  const starts: number[] = [];
  const ends: number[] = [];
  /** Business ms before each interval. */
  const before: number[] = [];
  let total = 0;
  if (toMs > fromMs)
    for (const [start, end] of businessIntervals(calendar, fromMs)) {
      if (start >= toMs) break;
      const clipped = Math.min(end, toMs);
      starts.push(start);
      ends.push(clipped);
      before.push(total);
      total += clipped - start;
      if (end >= toMs) break;
    }
  const elapsedMs = (at: Date): number => {
    const ms = Math.min(Math.max(at.getTime(), fromMs), toMs);
    // The last interval starting at or before `ms`.
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= ms) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return 0;
    return before[found] + Math.min(ms, ends[found]) - starts[found];
  };
  return {
    elapsedMs,
    /** Business minutes between two instants (0 when `b` is not after `a`), rounded down. */
    businessMinutes: (a: Date, b: Date) => Math.floor(Math.max(0, elapsedMs(b) - elapsedMs(a)) / MINUTE_MS),
  };
}
