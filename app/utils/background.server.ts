// Work a request starts but does not wait for (an email that must not make the answer slower, or
// its timing tell something). It runs in this process after the response; failures are logged, not
// lost silently. Tests and shutdown wait for it with `settleBackgroundWork()`.
const pending = new Set<Promise<void>>();

export function runInBackground(what: string, work: () => Promise<unknown>): void {
  const task: Promise<void> = Promise.resolve()
    .then(work)
    .then(
      () => undefined,
      (error: unknown) => console.error(`[background] ${what} failed:`, error),
    )
    .finally(() => pending.delete(task));
  pending.add(task);
}

/** Resolves when every task started so far (and any they started) has finished. */
export async function settleBackgroundWork(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
