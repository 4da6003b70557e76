// Business-hour arithmetic at the edges issue 11 names: a claim raised Friday 23:50, on a holiday
// eve, across Mexico's Revolución Monday, across Colombia's Holy Week and Chiquinquirá Monday, and
// with the clock paused while waiting on the customer. Calendars as the migration seeds them
// (MX 09–18, CO 08–17, Monday to Friday) with their 2026 public holidays.
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  atRiskInstant,
  businessClock,
  businessMinutesBetween,
  pauseDeadline,
  resumeDeadline,
  shareOfBudgetLeft,
  type WorkingCalendar,
} from "~/domain/claims/business-hours";

const weekdays = (opensMinute: number, closesMinute: number) =>
  Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ opensMinute, closesMinute }]]));

const MX: WorkingCalendar = {
  timeZone: "America/Mexico_City",
  hours: weekdays(9 * 60, 18 * 60),
  holidays: new Set(["2026-01-01", "2026-02-02", "2026-03-16", "2026-05-01", "2026-09-16", "2026-11-16", "2026-12-25"]),
};
const CO: WorkingCalendar = {
  timeZone: "America/Bogota",
  hours: weekdays(8 * 60, 17 * 60),
  holidays: new Set(["2026-03-23", "2026-04-02", "2026-04-03", "2026-05-01", "2026-07-13", "2026-07-20"]),
};
const H = 60;
/** A local wall-clock time in a zone as a Date (fixed offsets: neither country has DST now). */
const mx = (local: string) => new Date(`${local}-06:00`);
const co = (local: string) => new Date(`${local}-05:00`);

describe("addBusinessMinutes", () => {
  it("a claim raised Friday 23:50 starts counting on Monday's opening", () => {
    // 23:50 in Mexico City is already Saturday in UTC: the local day decides.
    expect(addBusinessMinutes(mx("2026-10-02T23:50"), 16 * H, MX)).toEqual(mx("2026-10-06T16:00"));
    expect(addBusinessMinutes(mx("2026-10-02T23:50"), 1, MX)).toEqual(mx("2026-10-05T09:01"));
  });

  it("on a holiday eve the clock skips the holiday", () => {
    // Tuesday 15 Sep 17:00: one hour that day, Wednesday 16 is Independence Day, one more on Thursday.
    expect(addBusinessMinutes(mx("2026-09-15T17:00"), 2 * H, MX)).toEqual(mx("2026-09-17T10:00"));
  });

  it("across Mexico's Revolución Monday (16 Nov 2026)", () => {
    expect(addBusinessMinutes(mx("2026-11-13T16:00"), 8 * H, MX)).toEqual(mx("2026-11-17T15:00"));
  });

  it("across Colombia's Holy Week (Holy Thursday and Good Friday are rest days)", () => {
    // Wednesday 1 Apr 16:00: 1 h, then Monday 6 Apr 9 h, then 6 h on Tuesday.
    expect(addBusinessMinutes(co("2026-04-01T16:00"), 16 * H, CO)).toEqual(co("2026-04-07T14:00"));
  });

  it("across Colombia's 2026 Chiquinquirá Monday (13 Jul)", () => {
    expect(addBusinessMinutes(co("2026-07-10T15:00"), 9 * H, CO)).toEqual(co("2026-07-14T15:00"));
  });

  it("ends exactly at closing time rather than at the next opening", () => {
    expect(addBusinessMinutes(mx("2026-11-09T09:00"), 9 * H, MX)).toEqual(mx("2026-11-09T18:00"));
    expect(addBusinessMinutes(mx("2026-11-09T09:00"), 9 * H + 1, MX)).toEqual(mx("2026-11-10T09:01"));
  });

  it("zero minutes is the start itself; negative or fractional minutes are refused", () => {
    const t = mx("2026-11-14T03:00");
    expect(addBusinessMinutes(t, 0, MX)).toEqual(t);
    expect(() => addBusinessMinutes(t, -1, MX)).toThrow(RangeError);
    expect(() => addBusinessMinutes(t, 1.5, MX)).toThrow(RangeError);
  });

  it("honours split shifts (lunch break) and a calendar with no hours is an error", () => {
    const split: WorkingCalendar = {
      timeZone: "America/Mexico_City",
      hours: {
        1: [
          { opensMinute: 15 * H, closesMinute: 18 * H },
          { opensMinute: 9 * H, closesMinute: 14 * H },
        ],
      },
      holidays: new Set(),
    };
    expect(addBusinessMinutes(mx("2026-11-09T13:00"), 2 * H, split)).toEqual(mx("2026-11-09T16:00"));
    expect(() => addBusinessMinutes(mx("2026-11-09T13:00"), 1, { ...split, hours: {} })).toThrow(/no business hours/);
  });
});

describe("businessMinutesBetween", () => {
  it("counts only opening hours outside holidays", () => {
    expect(businessMinutesBetween(mx("2026-11-13T16:00"), mx("2026-11-17T15:00"), MX)).toBe(8 * H);
    expect(businessMinutesBetween(co("2026-04-01T00:00"), co("2026-04-06T00:00"), CO)).toBe(9 * H);
    expect(businessMinutesBetween(mx("2026-11-17T15:00"), mx("2026-11-13T16:00"), MX)).toBe(0);
  });

  it("inverts addBusinessMinutes from any start, inside or outside business hours", () => {
    let start = mx("2026-03-01T00:07").getTime();
    for (let i = 0; i < 200; i += 1) {
      start += 7 * 3_600_000 + 13 * 60_000;
      const minutes = (i * 97) % (40 * H);
      const end = addBusinessMinutes(new Date(start), minutes, MX);
      expect(businessMinutesBetween(new Date(start), end, MX)).toBe(minutes);
    }
  });
});

describe("businessClock (the dashboard's many look-ups)", () => {
  it("agrees with businessMinutesBetween for any two instants in its span, on both calendars", () => {
    for (const [calendar, at] of [
      [MX, mx],
      [CO, co],
    ] as const) {
      const from = at("2026-03-01T00:00");
      const clock = businessClock(calendar, from, at("2026-12-31T23:59"));
      let a = from.getTime() + 41 * 60_000;
      for (let i = 0; i < 300; i += 1) {
        a += 19 * 3_600_000 + 11 * 60_000;
        const b = a + ((i * 7919) % (21 * 24)) * 3_600_000 + (i % 60) * 60_000;
        expect(clock.businessMinutes(new Date(a), new Date(b))).toBe(
          businessMinutesBetween(new Date(a), new Date(b), calendar),
        );
      }
      // Revolución Monday (MX) and Holy Week (CO) count nothing; outside its span it is clipped.
      expect(clock.businessMinutes(mx("2026-11-13T17:00"), mx("2026-11-17T10:00"))).toBe(
        calendar === MX ? 2 * H : businessMinutesBetween(mx("2026-11-13T17:00"), mx("2026-11-17T10:00"), CO),
      );
      expect(clock.businessMinutes(at("2026-12-31T10:00"), at("2027-01-04T10:00"))).toBe(
        businessMinutesBetween(at("2026-12-31T10:00"), at("2026-12-31T23:59"), calendar),
      );
      expect(clock.businessMinutes(at("2026-05-05T12:00"), at("2026-05-04T12:00"))).toBe(0);
    }
  });
});

describe("the clock paused while waiting on the customer", () => {
  it("keeps what was left and counts it again from the answer", () => {
    const raised = mx("2026-11-09T09:00");
    const due = addBusinessMinutes(raised, 16 * H, MX);
    expect(due).toEqual(mx("2026-11-10T16:00"));
    // Information requested Monday 13:00: 4 h used, 12 h left.
    const left = pauseDeadline(due, mx("2026-11-09T13:00"), MX);
    expect(left).toBe(12 * H);
    // The customer answers Friday 13 at 10:00: 8 h on Friday, Monday 16 is Revolución, 4 h on Tuesday.
    expect(resumeDeadline(left, mx("2026-11-13T10:00"), MX)).toEqual(mx("2026-11-17T13:00"));
    // Answered on a Saturday: the clock starts again on Monday's opening (here Tuesday, after the holiday).
    expect(resumeDeadline(left, mx("2026-11-14T11:00"), MX)).toEqual(mx("2026-11-18T12:00"));
  });

  it("a deadline already passed leaves nothing", () => {
    expect(pauseDeadline(mx("2026-11-09T10:00"), mx("2026-11-09T12:00"), MX)).toBe(0);
  });

  it("the share of the budget left drives 'at risk'", () => {
    const due = mx("2026-11-10T16:00");
    expect(shareOfBudgetLeft(due, mx("2026-11-09T09:00"), 16 * H, MX)).toBe(1);
    expect(shareOfBudgetLeft(due, mx("2026-11-10T13:00"), 16 * H, MX)).toBeCloseTo(3 / 16);
    expect(shareOfBudgetLeft(due, mx("2026-11-11T09:00"), 16 * H, MX)).toBe(0);
  });
});

describe("atRiskInstant (the queue's at-risk mark)", () => {
  it("is when a quarter of the level's business time is left, across a weekend and a holiday", () => {
    // 16 h from Friday 13 Nov 16:00: at risk after 12 h, i.e. 2 h Friday + (Monday 16 is Revolución) 9 h Tuesday + 1 h Wednesday.
    const from = mx("2026-11-13T16:00");
    expect(atRiskInstant(from, 16 * H, 16 * H, MX)).toEqual(mx("2026-11-18T10:00"));
    expect(
      businessMinutesBetween(atRiskInstant(from, 16 * H, 16 * H, MX), addBusinessMinutes(from, 16 * H, MX), MX),
    ).toBe(4 * H);
  });

  it("is at once for a resumed claim with less than a quarter left", () => {
    const at = mx("2026-10-05T10:00");
    expect(atRiskInstant(at, 3 * H, 16 * H, MX)).toEqual(at);
    expect(atRiskInstant(at, 5 * H, 16 * H, MX)).toEqual(mx("2026-10-05T11:00"));
  });
});
