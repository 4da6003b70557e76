// The durable timers (app/jobs/scheduled-tasks.server.ts) with a driven clock: a task runs once when
// due and not before; a failure is retried with backoff and the task is dead after max_attempts; a
// crashed worker's task is re-claimed after its lease and the crashed worker's late completion
// changes nothing; a handler's work commits with its completion or not at all. On PostgreSQL, two
// sweepers racing over the same due tasks run each exactly once; a sweeper stops cleanly.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scheduledTasks } from "#db/schema";
import {
  cancelPendingTasks,
  claimDueTasks,
  retryDelayMs,
  runClaimedTask,
  runDueTasks,
  scheduleTask,
  startTaskSweeper,
  type TaskHandlers,
} from "~/jobs/scheduled-tasks.server";
import { type Database, type Db, openDatabase, queryRows } from "~/utils/db.server";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

let database: TestDatabase;
let db: Db;
const T0 = new Date("2026-11-09T15:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

/** A handler that records each run in task_runs, inside the task's transaction. */
const recording: TaskHandlers = {
  record: async (tx, payload) => {
    await tx.execute(sql`insert into task_runs (label) values (${(payload as { label: string }).label})`);
  },
  fail: async () => {
    throw new Error("boom");
  },
  "record-then-fail": async (tx, payload) => {
    await tx.execute(sql`insert into task_runs (label) values (${(payload as { label: string }).label})`);
    throw new Error("after writing");
  },
};

const runs = async () =>
  (await queryRows<{ label: string }>(db, sql`select label from task_runs order by label`)).map((r) => r.label);
const task = async (id: string) => (await db.select().from(scheduledTasks).where(eq(scheduledTasks.id, id)))[0];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.execute(sql`create table task_runs (label text not null)`);
});
afterAll(async () => database.close());
beforeEach(async () => {
  await db.execute(sql`delete from task_runs`);
  await db.execute(sql`delete from scheduled_tasks`);
});

describe("scheduled tasks", () => {
  it("runs a task once when due, not before", async () => {
    const id = await scheduleTask(db, { kind: "record", payload: { label: "a" }, dueAt: at(60_000) });
    expect((await runDueTasks(db, { now: at(59_999), workerId: "w1", handlers: recording })).claimed).toBe(0);
    expect(await runDueTasks(db, { now: at(60_000), workerId: "w1", handlers: recording })).toMatchObject({
      claimed: 1,
      done: 1,
    });
    expect((await runDueTasks(db, { now: at(120_000), workerId: "w1", handlers: recording })).claimed).toBe(0);
    expect(await runs()).toEqual(["a"]);
    expect(await task(id)).toMatchObject({ status: "done", attempts: 1, leaseUntil: null });
  });

  it("retries a failure with backoff and marks the task dead after max_attempts", async () => {
    const id = await scheduleTask(db, { kind: "fail", payload: {}, dueAt: T0, maxAttempts: 3 });
    let now = T0;
    expect(await runDueTasks(db, { now, workerId: "w1", handlers: recording })).toMatchObject({ retried: 1 });
    let row = await task(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "Error: boom" });
    expect(row.dueAt).toEqual(new Date(now.getTime() + retryDelayMs(1)));
    // Not before the backoff has passed.
    expect((await runDueTasks(db, { now: at(retryDelayMs(1) - 1), workerId: "w1", handlers: recording })).claimed).toBe(
      0,
    );
    now = row.dueAt;
    expect(await runDueTasks(db, { now, workerId: "w1", handlers: recording })).toMatchObject({ retried: 1 });
    row = await task(id);
    expect(row.dueAt).toEqual(new Date(now.getTime() + retryDelayMs(2)));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(await runDueTasks(db, { now: row.dueAt, workerId: "w1", handlers: recording })).toMatchObject({ dead: 1 });
    expect(await task(id)).toMatchObject({ status: "dead", attempts: 3 });
    expect((await runDueTasks(db, { now: at(86_400_000), workerId: "w1", handlers: recording })).claimed).toBe(0);
  });

  it("rolls a failed handler's writes back with it; an unknown kind is a failure too", async () => {
    await scheduleTask(db, { kind: "record-then-fail", payload: { label: "x" }, dueAt: T0 });
    const unknown = await scheduleTask(db, { kind: "nobody-handles-this", payload: {}, dueAt: T0, maxAttempts: 1 });
    expect(await runDueTasks(db, { now: T0, workerId: "w1", handlers: recording })).toMatchObject({
      retried: 1,
      dead: 1,
    });
    expect(await runs()).toEqual([]);
    expect((await task(unknown)).lastError).toMatch(/no handler/);
  });

  it("re-claims a crashed worker's task after its lease; the crashed worker's late finish changes nothing", async () => {
    const id = await scheduleTask(db, { kind: "record", payload: { label: "once" }, dueAt: T0 });
    // w1 claims and stalls past its lease.
    const [stalled] = await claimDueTasks(db, { now: T0, workerId: "w1", leaseMs: 60_000 });
    expect(await claimDueTasks(db, { now: at(59_000), workerId: "w2", leaseMs: 60_000 })).toEqual([]);
    const [reclaimed] = await claimDueTasks(db, { now: at(61_000), workerId: "w2", leaseMs: 60_000 });
    expect(reclaimed).toMatchObject({ id, attempts: 2 });
    // w1 wakes up and finishes: the task is not its own any more, so its work rolls back.
    expect(await runClaimedTask(db, stalled, { now: at(62_000), workerId: "w1", handlers: recording })).toBe("lost");
    expect(await runs()).toEqual([]);
    expect(await runClaimedTask(db, reclaimed, { now: at(62_000), workerId: "w2", handlers: recording })).toBe("done");
    expect(await runs()).toEqual(["once"]);
    expect(await task(id)).toMatchObject({ status: "done", attempts: 2, lockedBy: "w2" });
  });

  it("a task abandoned more often than max_attempts is dead, not run again", async () => {
    const id = await scheduleTask(db, { kind: "record", payload: { label: "z" }, dueAt: T0, maxAttempts: 2 });
    await claimDueTasks(db, { now: T0, workerId: "w1", leaseMs: 1000 });
    await claimDueTasks(db, { now: at(2000), workerId: "w2", leaseMs: 1000 });
    expect(await runDueTasks(db, { now: at(4000), workerId: "w3", handlers: recording })).toMatchObject({ dead: 1 });
    expect(await task(id)).toMatchObject({ status: "dead" });
    expect(await runs()).toEqual([]);
  });

  it("cancels a subject's pending tasks only", async () => {
    const keep = await scheduleTask(db, { kind: "record", subjectId: "c2", payload: { label: "k" }, dueAt: T0 });
    const gone = await scheduleTask(db, { kind: "record", subjectId: "c1", payload: { label: "g" }, dueAt: T0 });
    expect(await cancelPendingTasks(db, { kind: "record", subjectId: "c1" })).toBe(1);
    await runDueTasks(db, { now: T0, workerId: "w1", handlers: recording });
    expect(await runs()).toEqual(["k"]);
    expect((await task(gone)).status).toBe("cancelled");
    expect((await task(keep)).status).toBe("done");
  });

  it("the sweeper loop drains full batches and stops cleanly", async () => {
    for (let i = 0; i < 25; i += 1)
      await scheduleTask(db, { kind: "record", payload: { label: `s${String(i).padStart(2, "0")}` }, dueAt: T0 });
    const sweeper = startTaskSweeper({
      db: async () => db,
      handlers: recording,
      clock: () => at(1000),
      intervalMs: 60_000,
      limit: 10,
    });
    for (let i = 0; i < 200 && (await runs()).length < 25; i += 1) await new Promise((r) => setTimeout(r, 25));
    await sweeper.stop();
    expect(await runs()).toHaveLength(25);
    expect(new Set(await runs()).size).toBe(25);
  });

  it("wake() sweeps at once instead of waiting for the next tick (work queued by a request: claim emails)", async () => {
    const sweeper = startTaskSweeper({
      db: async () => db,
      handlers: recording,
      clock: () => at(1000),
      intervalMs: 600_000,
    });
    // The first sweep (at start) finds nothing; the next tick would be ten minutes away.
    for (let i = 0; i < 40; i += 1) await new Promise((r) => setTimeout(r, 25));
    await scheduleTask(db, { kind: "record", payload: { label: "woken" }, dueAt: T0 });
    sweeper.wake();
    for (let i = 0; i < 200 && (await runs()).length < 1; i += 1) await new Promise((r) => setTimeout(r, 25));
    await sweeper.stop();
    expect(await runs()).toEqual(["woken"]);
  });
});

describe.runIf(onPostgres)("two sweepers on PostgreSQL", () => {
  let second: Database;
  beforeAll(async () => {
    second = await openDatabase({ url: database.url!, poolSize: 3 });
  });
  afterAll(async () => second?.close());

  it("race over the same due tasks and run each exactly once", async () => {
    const slow: TaskHandlers = {
      record: async (tx, payload) => {
        await tx.execute(sql`insert into task_runs (label) values (${(payload as { label: string }).label})`);
        await tx.execute(sql`select pg_sleep(0.002)`);
      },
    };
    for (let i = 0; i < 120; i += 1)
      await scheduleTask(db, { kind: "record", payload: { label: `r${String(i).padStart(3, "0")}` }, dueAt: T0 });
    const sweepAll = async (d: Db, workerId: string) => {
      let total = 0;
      for (;;) {
        const r = await runDueTasks(d, { now: at(1000), workerId, handlers: slow, limit: 5 });
        total += r.done;
        if (r.claimed === 0) return total;
      }
    };
    const [a, b] = await Promise.all([sweepAll(db, "A"), sweepAll(second.db, "B")]);
    expect(a + b).toBe(120);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const labels = await runs();
    expect(labels).toHaveLength(120);
    expect(new Set(labels).size).toBe(120);
  });
});
