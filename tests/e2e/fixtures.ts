// The Playwright `test` every e2e spec imports. It adds two things to each test:
// - any `console.error` or uncaught page error in the browser fails the test (after it ran, with
//   the messages listed), so hydration mismatches and broken scripts never pass silently;
// - `expectAccessible(page)`: axe-core over the current page (WCAG 2.0/2.1 A and AA), failing on
//   serious or critical violations and printing each with the offending elements;
// - `login(page, email)`: signs in through the login form as one of the seeded demo users.
//   (The server's PGlite database is held by the server process, so tests cannot write sessions
//   into it directly; the form is the one way in that works on both drivers.)
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { signIn } from "./helpers";

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

export interface Fixtures {
  /** Messages from console.error and page errors seen so far in this test. */
  browserErrors: string[];
  /** `wcag22`: also WCAG 2.2 AA (target size 2.5.8: every target at least 24 × 24 px or spaced). */
  expectAccessible: (page: Page, options?: { include?: string; exclude?: string[]; wcag22?: boolean }) => Promise<void>;
  /** Signs in as a seeded demo user (db/seed/users.ts) and waits for the home page it lands on. */
  login: (page: Page, email: string) => Promise<void>;
}

export function formatViolations(violations: AxeResults["violations"]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n\n");
}

/**
 * Chromium logs every non-2xx response as a console error. Two kinds are not faults of the page:
 * the browser's own favicon request, and 4xx answers to Remix data requests (`*.data`), which are how
 * actions report validation errors (400), wrong credentials (401), refusals (403) or rate limits
 * (429) that the page then shows. 5xx answers, and failures of documents, scripts and styles, count.
 */
export function isExpectedFailedLoad(text: string, url: string): boolean {
  const status = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text)?.[1];
  if (!status) return false;
  let pathname = "";
  try {
    pathname = new URL(url).pathname;
  } catch {
    return false;
  }
  if (pathname === "/favicon.ico") return true;
  return status.startsWith("4") && pathname.endsWith(".data");
}

export const test = base.extend<Fixtures>({
  browserErrors: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        if (isExpectedFailedLoad(message.text(), message.location().url)) return;
        const where = message.location().url ? ` (${message.location().url}:${message.location().lineNumber})` : "";
        errors.push(`console.error: ${message.text()}${where}`);
      });
      page.on("pageerror", (error) => errors.push(`page error: ${error.stack ?? error.message}`));
      await use(errors);
      // A test that already failed keeps its own error; the browser's errors are still attached.
      if (errors.length > 0) {
        await testInfo.attach("browser-errors", { body: errors.join("\n"), contentType: "text/plain" });
        if (testInfo.status === testInfo.expectedStatus) {
          throw new Error(`The browser reported ${errors.length} error(s):\n${errors.join("\n")}`);
        }
      }
    },
    { auto: true },
  ],

  expectAccessible: async ({}, use, testInfo) => {
    await use(async (page, options = {}) => {
      let builder = new AxeBuilder({ page }).withTags([
        "wcag2a",
        "wcag2aa",
        "wcag21a",
        "wcag21aa",
        ...(options.wcag22 ? ["wcag22aa"] : []),
      ]);
      if (options.include) builder = builder.include(options.include);
      for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
      const results = await builder.analyze();
      const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      const minor = results.violations.filter((v) => !blocking.includes(v));
      if (minor.length > 0) {
        await testInfo.attach("axe-minor-violations", { body: formatViolations(minor), contentType: "text/plain" });
      }
      expect(
        blocking.length,
        `${blocking.length} serious or critical accessibility violation(s) on ${page.url()}:\n\n${formatViolations(blocking)}\n`,
      ).toBe(0);
    });
  },

  login: async ({}, use) => {
    await use(async (page, email) => {
      await signIn(page, email);
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    });
  },
});

export { expect };
