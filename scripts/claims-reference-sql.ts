// Prints the reference data of migration 0009 (claims): the MX and CO working calendars, their
// public holidays 2025–2030 from date-holidays (type "public" only: Mexico's LFT art. 74 rest days
// and Colombia's Ley Emiliani days, including the 2026 Chiquinquirá holiday; Mexico's "bank" days
// such as Holy Thursday are not rest days and stay out), and the default SLA policies. Run
// `npx tsx scripts/claims-reference-sql.ts` and paste its output into the migration: date-holidays
// is 12 MB and 330 ms to load, so it is a dev dependency, never loaded at run time. Admins edit the
// rows afterwards.
import Holidays from "date-holidays";

const CALENDARS = [
  {
    id: "cal_mx",
    country: "MX",
    timeZone: "America/Mexico_City",
    name: "México (LFT art. 74)",
    opens: 9 * 60,
    closes: 18 * 60,
  },
  {
    id: "cal_co",
    country: "CO",
    timeZone: "America/Bogota",
    name: "Colombia (Ley 51 de 1983)",
    opens: 8 * 60,
    closes: 17 * 60,
  },
] as const;
const YEARS = [2025, 2026, 2027, 2028, 2029, 2030];
const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

const out: string[] = [];
for (const c of CALENDARS) {
  out.push(
    `INSERT INTO "working_calendars" ("id", "country", "time_zone", "name") VALUES (${q(c.id)}, ${q(c.country)}, ${q(c.timeZone)}, ${q(c.name)});`,
  );
  const hours = [1, 2, 3, 4, 5].map((d) => `(${q(c.id)}, ${d}, ${c.opens}, ${c.closes})`).join(", ");
  out.push(`INSERT INTO "working_hours" ("calendar_id", "weekday", "opens_minute", "closes_minute") VALUES ${hours};`);
  const hd = new Holidays(c.country);
  const rows = new Map<string, string>();
  for (const year of YEARS)
    for (const h of hd.getHolidays(year))
      if (h.type === "public" && !rows.has(h.date.slice(0, 10))) rows.set(h.date.slice(0, 10), h.name);
  const values = [...rows].map(([date, name]) => `(${q(c.id)}, ${q(date)}, ${q(name)})`).join(",\n  ");
  out.push(`INSERT INTO "public_holidays" ("calendar_id", "date", "name") VALUES\n  ${values};`);
}
const DEFAULT_SLA = [
  ["sla_l1", "L1", 16 * 60],
  ["sla_l2", "L2", 16 * 60],
  ["sla_l3", "L3", 24 * 60],
] as const;
out.push(
  `INSERT INTO "sla_policies" ("id", "level", "business_minutes") VALUES ${DEFAULT_SLA.map(([id, l, m]) => `(${q(id)}, ${q(l)}, ${m})`).join(", ")};`,
);
console.log(out.join("--> statement-breakpoint\n"));
