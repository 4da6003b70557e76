// Runs before each test file. Tests must not log errors silently: a console.error fails the test.
import { afterEach, vi } from "vitest";

const errors: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};
afterEach(() => {
  if (errors.length > 0) {
    const first = errors[0];
    errors.length = 0;
    throw new Error(`console.error was called: ${first.map(String).join(" ")}`);
  }
  vi.restoreAllMocks();
});
