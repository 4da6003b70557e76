// A claim's SLA: the working calendar of the seller's country, the business minutes its level allows
// (the most specific SLA policy for level × type × segment), and the scheduled task that checks the
// deadline (app/jobs), kept in step with the claim in the same transaction.
import { and, eq, sql } from "drizzle-orm";
import { publicHolidays, slaPolicies, workingCalendars, workingHours } from "#db/schema";
import type { ClaimLevel, ClaimType, Country, Segment } from "~/domain/vocabulary";
import { cancelPendingTasks, scheduleTask } from "~/jobs/scheduled-tasks.server";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { addBusinessMinutes, atRiskInstant, type OpeningInterval, type WorkingCalendar } from "./business-hours";

export const CLAIM_SLA_TASK = "claim.sla_due";
export interface ClaimSlaPayload {
  claimId: string;
  level: ClaimLevel;
}

/** The country's working calendar with its holidays from `fromYear` on (a deadline never reaches back). */
export async function loadWorkingCalendar(db: DbOrTx, country: Country, fromYear = 2000): Promise<WorkingCalendar> {
  const [calendar] = await db.select().from(workingCalendars).where(eq(workingCalendars.country, country));
  if (!calendar) throw new Error(`no working calendar for ${country}`);
  const hours = await db.select().from(workingHours).where(eq(workingHours.calendarId, calendar.id));
  const holidays = await db
    .select({ date: publicHolidays.date })
    .from(publicHolidays)
    .where(and(eq(publicHolidays.calendarId, calendar.id), sql`${publicHolidays.date} >= ${`${fromYear}-01-01`}`));
  const byDay: Record<number, OpeningInterval[]> = {};
  for (const h of hours) (byDay[h.weekday] ??= []).push({ opensMinute: h.opensMinute, closesMinute: h.closesMinute });
  return { timeZone: calendar.timeZone, hours: byDay, holidays: new Set(holidays.map((h) => h.date)) };
}

/** Business minutes allowed at a level: the policy naming both type and segment, then type, then segment, then neither. */
export async function slaBudgetMinutes(
  db: DbOrTx,
  input: { level: ClaimLevel; type: ClaimType; segment: Segment },
): Promise<number> {
  const rows = await queryRows<{ business_minutes: number }>(
    db,
    sql`select business_minutes from ${slaPolicies}
        where level = ${input.level}
          and (claim_type = ${input.type} or claim_type is null)
          and (segment = ${input.segment} or segment is null)
        order by (claim_type is not null) desc, (segment is not null) desc
        limit 1`,
  );
  if (rows.length === 0) throw new Error(`no SLA policy for ${input.level}`);
  return Number(rows[0].business_minutes);
}

export interface SlaContext {
  country: Country;
  type: ClaimType;
  segment: Segment;
}

/** The deadline of a level entered at `from`. */
export async function levelDeadline(db: DbOrTx, ctx: SlaContext, level: ClaimLevel, from: Date): Promise<Date> {
  const [budget, calendar] = await Promise.all([
    slaBudgetMinutes(db, { level, type: ctx.type, segment: ctx.segment }),
    loadWorkingCalendar(db, ctx.country, from.getUTCFullYear() - 1),
  ]);
  return addBusinessMinutes(from, budget, calendar);
}

/** A level's deadline and the instant it becomes at risk, entered at `from` (raise, escalate, reopen). */
export async function levelSla(
  db: DbOrTx,
  ctx: SlaContext,
  level: ClaimLevel,
  from: Date,
): Promise<{ dueAt: Date; slaAtRiskAt: Date }> {
  const [budget, calendar] = await Promise.all([
    slaBudgetMinutes(db, { level, type: ctx.type, segment: ctx.segment }),
    loadWorkingCalendar(db, ctx.country, from.getUTCFullYear() - 1),
  ]);
  return {
    dueAt: addBusinessMinutes(from, budget, calendar),
    slaAtRiskAt: atRiskInstant(from, budget, budget, calendar),
  };
}

/** Replaces the claim's pending SLA check with one at `dueAt` (or none). Same transaction as the claim change. */
export async function rescheduleSlaCheck(
  tx: DbOrTx,
  claimId: string,
  next: { level: ClaimLevel; dueAt: Date } | null,
): Promise<void> {
  await cancelPendingTasks(tx, { kind: CLAIM_SLA_TASK, subjectId: claimId });
  if (next)
    await scheduleTask(tx, {
      kind: CLAIM_SLA_TASK,
      subjectId: claimId,
      payload: { claimId, level: next.level } satisfies ClaimSlaPayload,
      dueAt: next.dueAt,
    });
}
