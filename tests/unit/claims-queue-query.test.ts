// The staff queue's URL: each role's views (a foreign view is a field error and the default is shown),
// filters kept or reported field by field, amounts in the reader's locale, ranges typed backwards.
import { describe, expect, it } from "vitest";
import { parseStaffQueueParams, staffQueueSearchParams } from "~/domain/claims/queue-schemas";

const parse = (query: string, role: Parameters<typeof parseStaffQueueParams>[1] = "admin", locale = "es-MX") =>
  parseStaffQueueParams(new URLSearchParams(query), role, locale);

describe("the staff queue's query", () => {
  it("opens each role's default view and refuses views of other roles", () => {
    expect(parse("", "collector").view).toBe("portfolio");
    expect(parse("", "supervisor").view).toBe("team");
    expect(parse("", "area_owner").view).toBe("area");
    expect(parse("", "auditor").view).toBe("all");
    const refused = parse("view=all", "collector");
    expect(refused.view).toBe("portfolio");
    expect(refused.errors).toEqual({ view: "validation.invalid" });
    expect(parse("view=mine", "auditor").errors).toHaveProperty("view");
    expect(parse("view=mine", "collector").view).toBe("mine");
  });

  it("keeps good filters, reports bad ones, reads amounts in the locale", () => {
    const { filters, errors, page } = parse("status=open&type=other&level=L9&sla=at_risk&amountMin=1,000.50&after=abc");
    expect(filters).toMatchObject({ status: "open", type: "other", sla: "at_risk", amountMin: "1000.50" });
    expect(errors).toEqual({ level: "validation.invalid" });
    expect(page.after).toBe("abc");
    expect(parse("amountMin=1.000,50", "admin", "es-CO").filters.amountMin).toBe("1000.50");
    expect(parse("ageMin=10&ageMax=2").errors).toEqual({ ageMax: "validation.rangeInverted" });
    expect(parse("amountMin=10&amountMax=2").errors).toEqual({ amountMax: "validation.rangeInverted" });
  });

  it("writes back the view and the filters that are set, not the page", () => {
    const { view, filters } = parse("view=mine&status=resolved&segment=large&after=abc");
    expect(staffQueueSearchParams(view, filters).toString()).toBe("view=mine&status=resolved&segment=large");
  });
});
