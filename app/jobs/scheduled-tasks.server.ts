// Durable timers (ADR 010): a task is a row of scheduled_tasks, written in the transaction of the
// change that sets it (a claim raised or escalated schedules its SLA check), so a timer exists exactly
// when its change committed, survives restarts and is seen by every instance. A sweeper in each app
// instance claims due rows with FOR UPDATE SKIP LOCKED and a lease, runs each handler in a
// transaction that also marks the task done (a handler's work and its completion commit together),
// retries a failure with exponential backoff and marks a task dead after max_attempts. `now` is
// always a parameter: nothing here reads the clock, so tests drive it. The same SQL runs on PGlite
// and PostgreSQL.
import { and, eq, sql } from "drizzle-orm";
import { scheduledTasks } from "#db/schema";
import { createRandomId } from "#db/schema/_columns";
import { type Db, type DbOrTx, type Tx, queryRows } from "~/utils/db.server";

export interface ScheduledTask {
  id: string;
  kind: string;
  subjectId: string | null;
  payload: unknown;
  dueAt: Date;
  attempts: number;
  maxAttempts: number;
}

export interface TaskContext {
  now: Date;
  task: ScheduledTask;
}

/** Runs inside the transaction that marks the task done: it must be idempotent (a task may run again after a crash). */
export type TaskHandler = (tx: Tx, payload: unknown, context: TaskContext) => Promise<void>;
export type TaskHandlers = Readonly<Record<string, TaskHandler>>;

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_BATCH = 20;

/** Wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export async function scheduleTask(
  tx: DbOrTx,
  input: { kind: string; subjectId?: string | null; payload: unknown; dueAt: Date; maxAttempts?: number },
): Promise<string> {
  const id = createRandomId();
  await tx.insert(scheduledTasks).values({
    id,
    kind: input.kind,
    subjectId: input.subjectId ?? null,
    payload: input.payload as object,
    dueAt: input.dueAt,
    maxAttempts: input.maxAttempts ?? 5,
  });
  return id;
}

/** Cancels a subject's pending tasks of a kind (a claim paused or closed no longer needs its SLA check). */
export async function cancelPendingTasks(tx: DbOrTx, input: { kind: string; subjectId: string }): Promise<number> {
  const rows = await tx
    .update(scheduledTasks)
    .set({ status: "cancelled", finishedAt: sql`now()` })
    .where(
      and(
        eq(scheduledTasks.kind, input.kind),
        eq(scheduledTasks.subjectId, input.subjectId),
        eq(scheduledTasks.status, "pending"),
      ),
    )
    .returning({ id: scheduledTasks.id });
  return rows.length;
}

interface TaskRow {
  id: string;
  kind: string;
  subject_id: string | null;
  payload: unknown;
  due_at: Date | string;
  attempts: number;
  max_attempts: number;
}

const toTask = (r: TaskRow): ScheduledTask => ({
  id: r.id,
  kind: r.kind,
  subjectId: r.subject_id,
  payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
  dueAt: new Date(r.due_at),
  attempts: Number(r.attempts),
  maxAttempts: Number(r.max_attempts),
});

/**
 * Claims up to `limit` tasks that are due (pending with due_at ≤ now) or abandoned (running with a
 * lapsed lease: their worker crashed or stalled), oldest due first, skipping rows another sweeper has
 * locked. Each claimed row is `running`, leased to `workerId` until now + leaseMs, attempts + 1.
 */
export async function claimDueTasks(
  db: DbOrTx,
  options: { now: Date; workerId: string; limit?: number; leaseMs?: number },
): Promise<ScheduledTask[]> {
  const now = options.now.toISOString();
  const leaseUntil = new Date(options.now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
  const rows = await queryRows<TaskRow>(
    db,
    sql`update scheduled_tasks
        set status = 'running', attempts = attempts + 1, lease_until = ${leaseUntil}::timestamptz, locked_by = ${options.workerId}
        where id in (
          select id from scheduled_tasks
          where (status = 'pending' and due_at <= ${now}::timestamptz)
             or (status = 'running' and lease_until < ${now}::timestamptz)
          order by due_at, id
          for update skip locked
          limit ${options.limit ?? DEFAULT_BATCH}
        )
        returning id, kind, subject_id, payload, due_at, attempts, max_attempts`,
  );
  return rows.map(toTask).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
}

class LeaseLostError extends Error {}

/** Still ours: running, leased to this worker, at the attempt we claimed (another sweeper may have re-claimed it). */
function ours(task: ScheduledTask, workerId: string) {
  return and(
    eq(scheduledTasks.id, task.id),
    eq(scheduledTasks.status, "running"),
    eq(scheduledTasks.lockedBy, workerId),
    eq(scheduledTasks.attempts, task.attempts),
  );
}

export interface SweepResult {
  claimed: number;
  done: number;
  retried: number;
  dead: number;
  /** Re-claimed by another sweeper after our lease lapsed: our work was rolled back. */
  lost: number;
}

type TaskOutcome = "done" | "retried" | "dead" | "lost";

/**
 * Runs one task this worker has claimed: the handler and the task's completion in one transaction,
 * which rolls back if the task is no longer ours (our lease lapsed and another sweeper re-claimed it).
 * A failure puts the task back, due after the backoff, or marks it dead at max_attempts.
 */
export async function runClaimedTask(
  db: Db,
  task: ScheduledTask,
  options: { now: Date; workerId: string; handlers: TaskHandlers },
): Promise<TaskOutcome> {
  const { now, workerId } = options;
  const handler = options.handlers[task.kind];
  try {
    // Claimed more often than allowed: its worker kept dying mid-run.
    if (task.attempts > task.maxAttempts) throw new Error(`abandoned ${task.attempts - 1} times`);
    if (!handler) throw new Error(`no handler for task kind ${JSON.stringify(task.kind)}`);
    await db.transaction(async (tx) => {
      await handler(tx, task.payload, { now, task });
      const marked = await tx
        .update(scheduledTasks)
        .set({ status: "done", finishedAt: now, leaseUntil: null, lastError: null })
        .where(ours(task, workerId))
        .returning({ id: scheduledTasks.id });
      if (marked.length === 0) throw new LeaseLostError();
    });
    return "done";
  } catch (error) {
    if (error instanceof LeaseLostError) return "lost";
    const dead = task.attempts >= task.maxAttempts;
    const marked = await db
      .update(scheduledTasks)
      .set({
        status: dead ? "dead" : "pending",
        dueAt: dead ? undefined : new Date(now.getTime() + retryDelayMs(task.attempts)),
        finishedAt: dead ? now : null,
        leaseUntil: null,
        lockedBy: null,
        lastError: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 2000) : String(error),
      })
      .where(ours(task, workerId))
      .returning({ id: scheduledTasks.id });
    if (marked.length === 0) return "lost";
    return dead ? "dead" : "retried";
  }
}

/** One sweep: claims due tasks and runs each. Call it again while it claims a full batch. */
export async function runDueTasks(
  db: Db,
  options: { now: Date; workerId: string; handlers: TaskHandlers; limit?: number; leaseMs?: number },
): Promise<SweepResult> {
  const tasks = await claimDueTasks(db, options);
  const result: SweepResult = { claimed: tasks.length, done: 0, retried: 0, dead: 0, lost: 0 };
  for (const task of tasks) result[await runClaimedTask(db, task, options)] += 1;
  return result;
}

export interface TaskSweeper {
  /** Stops scheduling sweeps and resolves when the one in flight (if any) has finished. */
  stop(): Promise<void>;
  /** Sweeps now instead of at the next tick (or right after the sweep in flight): new work was queued. */
  wake(): void;
}

/**
 * Sweeps every `intervalMs` (and at once on start) until stopped; a full batch sweeps again at once.
 * Errors of a sweep (the database away for a moment) are reported and the next tick tries again.
 */
export function startTaskSweeper(options: {
  db: () => Promise<Db>;
  handlers: TaskHandlers;
  clock?: () => Date;
  intervalMs?: number;
  workerId?: string;
  limit?: number;
  leaseMs?: number;
  onError?: (error: unknown) => void;
}): TaskSweeper {
  const clock = options.clock ?? (() => new Date());
  const workerId = options.workerId ?? `sweeper-${process.pid}-${createRandomId().slice(0, 8)}`;
  const limit = options.limit ?? DEFAULT_BATCH;
  const onError = options.onError ?? ((error) => console.error("[scheduled-tasks] sweep failed:", error));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const sweep = async () => {
    try {
      const db = await options.db();
      for (let full = true; full && !stopped;) {
        const r = await runDueTasks(db, {
          now: clock(),
          workerId,
          handlers: options.handlers,
          limit,
          leaseMs: options.leaseMs,
        });
        full = r.claimed === limit;
      }
    } catch (error) {
      if (!stopped) onError(error);
    }
  };
  let wakeRequested = false;
  const tick = () => {
    timer = undefined;
    inFlight = sweep().finally(() => {
      if (stopped) return;
      const delay = wakeRequested ? 0 : (options.intervalMs ?? 15_000);
      wakeRequested = false;
      timer = setTimeout(tick, delay);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
    wake() {
      if (stopped) return;
      if (timer) {
        clearTimeout(timer);
        tick();
      } else wakeRequested = true;
    },
  };
}
