// Started once per app instance by the HTTP server (server/index.mjs, through the server build's
// entry module): the scheduled-task sweeper. Stopped before the database closes on SIGTERM/SIGINT,
// so a sweep in flight finishes (or rolls back) instead of losing its connection.
import { describePlatformSeal, getPlatformSeal } from "~/domain/signing/platform-seal.server";
import { beforeDatabaseClose, getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { startTaskSweeper, type TaskSweeper } from "./scheduled-tasks.server";
import { sweeperClock } from "./sweeper-clock.server";
import { TASK_HANDLERS } from "./task-handlers.server";

let running: TaskSweeper | undefined;

export function startBackgroundJobs(): TaskSweeper {
  if (running) return running;
  // The signing seal is read (or, unconfigured, created once) at start and reported, not on the first signature.
  console.info(describePlatformSeal(getPlatformSeal(getEnv())));
  const sweeper = startTaskSweeper({
    db: getDb,
    handlers: TASK_HANDLERS,
    intervalMs: 15_000,
    clock: sweeperClock(getEnv().SWEEPER_CLOCK_FILE),
  });
  const stop = async () => {
    await sweeper.stop();
    running = undefined;
  };
  beforeDatabaseClose(stop);
  running = { stop, wake: () => sweeper.wake() };
  return running;
}

/**
 * Asks this instance's sweeper to run soon: work was just queued in a transaction that is about to
 * commit (the short delays let it; a second wake covers a transaction that still had files to store).
 * Without a sweeper here (tests, scripts) it does nothing; if the commit takes longer still, the next
 * regular tick picks the work up.
 */
export function wakeBackgroundJobsSoon(delaysMs: readonly number[] = [250, 2000]): void {
  if (!running) return;
  for (const delay of delaysMs) setTimeout(() => running?.wake(), delay).unref();
}
