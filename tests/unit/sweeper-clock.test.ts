// The sweeper's test-only clock (app/jobs/sweeper-clock.server.ts): real time unless its file holds
// an ISO instant; a missing, empty or malformed file is real time, never an error.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sweeperClock } from "~/jobs/sweeper-clock.server";

const dir = mkdtempSync(path.join(os.tmpdir(), "sweeper-clock-"));
const file = path.join(dir, "clock");
const real = new Date("2026-12-03T12:00:00Z");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the sweeper's clock", () => {
  it("is real time without a clock file configured", () => {
    expect(sweeperClock(undefined, () => real)()).toEqual(real);
  });

  it("sweeps as of the instant the file holds, read at each sweep, and real time again once it is gone", () => {
    const clock = sweeperClock(file, () => real);
    expect(clock()).toEqual(real);
    writeFileSync(file, "2026-12-08T18:01:00.000Z\n");
    expect(clock()).toEqual(new Date("2026-12-08T18:01:00Z"));
    writeFileSync(file, "2026-12-09T10:00-06:00");
    expect(clock()).toEqual(new Date("2026-12-09T16:00:00Z"));
    rmSync(file);
    expect(clock()).toEqual(real);
  });

  it("ignores an empty or malformed file", () => {
    const clock = sweeperClock(file, () => real);
    for (const text of ["", "mañana", "2026-13-45T99:99Z", "1700000000000"]) {
      writeFileSync(file, text);
      expect(clock()).toEqual(real);
    }
  });
});
