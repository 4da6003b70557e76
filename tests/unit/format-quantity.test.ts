// Quantities are stored with four decimals ("49.0000"); people read them as their locale writes them.
import { describe, expect, it } from "vitest";
import { formatQuantity } from "~/utils/i18n";

describe("formatQuantity", () => {
  it.each([
    ["49.0000", "es-MX", "49"],
    ["1.5000", "es-MX", "1.5"],
    ["1.5000", "es-CO", "1,5"],
    ["1250.2500", "es-MX", "1,250.25"],
    ["1250.2500", "es-CO", "1.250,25"],
    ["1250.2500", "en-US", "1,250.25"],
    ["0.0001", "es-MX", "0.0001"],
    ["12345678901234.5678", "es-MX", "12,345,678,901,234.5678"],
  ])("%s in %s is %s", (stored, locale, shown) => {
    expect(formatQuantity(stored, locale)).toBe(shown);
  });
});
