// A tiny seeded PRNG (mulberry32) and date helpers, so the demo data is identical on every run.
export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** hex string of n characters */
  hex(n: number): string;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    hex: (n) => {
      let s = "";
      while (s.length < n)
        s += Math.floor(next() * 0x10000)
          .toString(16)
          .padStart(4, "0");
      return s.slice(0, n);
    },
  };
}

const DAY = 86_400_000;
const toTime = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);
const fromTime = (t: number) => new Date(t).toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  return fromTime(toTime(isoDate) + days * DAY);
}

/** b − a in days */
export function daysBetween(a: string, b: string): number {
  return Math.round((toTime(b) - toTime(a)) / DAY);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(isoDate: string): number {
  return new Date(toTime(isoDate)).getUTCDay();
}

/** The first date on or after `isoDate` that falls on `day` (0–6). */
export function nextWeekday(isoDate: string, day: number): string {
  return addDays(isoDate, (day - weekday(isoDate) + 7) % 7);
}

/** Today's calendar date in a time zone, "YYYY-MM-DD". */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
