// The scheduled-task sweeper's clock. Real time, unless SWEEPER_CLOCK_FILE names a file (end-to-end
// tests only: the Playwright config sets it, no deployment should): while that file holds an ISO
// instant, the sweeper sweeps as of that instant, so a test can let a deadline pass without waiting
// for it. Read at each sweep; a missing, empty or unreadable file means real time. Nothing else in
// the portal reads it: requests keep the real time, and no HTTP route can move it.
import { readFileSync } from "node:fs";

export function sweeperClock(clockFile: string | undefined, realNow: () => Date = () => new Date()): () => Date {
  if (!clockFile) return realNow;
  return () => {
    let text: string;
    try {
      text = readFileSync(clockFile, "utf8").trim();
    } catch {
      return realNow();
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return realNow();
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? realNow() : instant;
  };
}
