// The keyset cursor of the document list (encodeCursor / decodeCursor in
// app/domain/documents/list-documents.server.ts): a URL-safe token that round-trips the sort key,
// the row's sort values and its id. A cursor from another sort, or one edited by hand, decodes to
// null (the list starts over) instead of reaching the query as a value its column cannot cast.
import { describe, expect, it } from "vitest";
import { type Cursor, decodeCursor, encodeCursor } from "~/domain/documents/list-documents.server";
import type { DocumentSortKey } from "~/domain/documents/schemas";

/** A token as encodeCursor builds it, from any JSON (to forge what a hand-edited URL could carry). */
const forge = (json: unknown) => Buffer.from(JSON.stringify(json)).toString("base64url");

describe("round trip", () => {
  const cursors: Cursor[] = [
    { sort: "issue_date", values: ["2026-01-31"], id: "doc_1" },
    { sort: "due_date", values: ["2024-02-29"], id: "doc_2" },
    { sort: "amount", values: ["-1234.50"], id: "doc_3" },
    { sort: "amount", values: ["9999999999999999.99"], id: "doc_4" },
    { sort: "folio", values: ["A", 4, "1000"], id: "doc_5" },
    { sort: "folio", values: ['ñ/ü "x"', 0, ""], id: "doc_6" },
  ];
  it.each(cursors)("decodes what it encoded for sort $sort: $values", (cursor) => {
    expect(decodeCursor(encodeCursor(cursor), cursor.sort)).toEqual(cursor);
  });

  it("is URL-safe (base64url: no +, / or = to escape)", () => {
    const token = encodeCursor({ sort: "folio", values: ["ÿÿÿ>>>???", 2_147_483_647, "~~~"], id: "??>>" });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe("refused cursors decode to null", () => {
  it("no cursor at all", () => {
    expect(decodeCursor(undefined, "issue_date")).toBeNull();
    expect(decodeCursor("", "issue_date")).toBeNull();
  });

  it("a cursor of another sort, even one with values of the same type", () => {
    const byIssue = encodeCursor({ sort: "issue_date", values: ["2026-01-31"], id: "x" });
    expect(decodeCursor(byIssue, "due_date")).toBeNull();
    expect(decodeCursor(byIssue, "amount")).toBeNull();
  });

  it.each([
    ["not base64 JSON", "!!!"],
    ["JSON but not an array", forge({ sort: "issue_date" })],
    ["JSON null", forge(null)],
    ["values not an array", forge(["issue_date", "2026-01-31", "x"])],
    ["an id that is not a string", forge(["issue_date", ["2026-01-31"], 7])],
    ["a missing id", forge(["issue_date", ["2026-01-31"]])],
    ["too few values", forge(["folio", ["A", 1], "x"])],
    ["too many values", forge(["issue_date", ["2026-01-31", "2026-02-01"], "x"])],
    ["a value that is neither text nor an integer", forge(["folio", ["A", 1.5, "1"], "x"])],
    ["a boolean value", forge(["folio", ["A", true, "1"], "x"])],
    ["a value over 100 characters", forge(["folio", ["A".repeat(101), 1, "1"], "x"])],
  ])("%s", (_label, token) => {
    expect(decodeCursor(token, "issue_date")).toBeNull();
    expect(decodeCursor(token, "folio")).toBeNull();
  });

  it("a value of exactly 100 characters is accepted", () => {
    const cursor: Cursor = { sort: "folio", values: ["A".repeat(100), 1, "1"], id: "x" };
    expect(decodeCursor(forge(["folio", cursor.values, "x"]), "folio")).toEqual(cursor);
  });

  it.each<[DocumentSortKey, string]>([
    ["issue_date", "2026-02-30"],
    ["issue_date", "2026-13-01"],
    ["due_date", "2026-1-5"],
    ["due_date", "yesterday"],
  ])("a date sort (%s) with an impossible date %s", (sort, value) => {
    expect(decodeCursor(forge([sort, [value], "x"]), sort)).toBeNull();
  });

  it("a date sort with an integer instead of a date", () => {
    expect(decodeCursor(forge(["issue_date", [20260131], "x"]), "issue_date")).toBeNull();
  });

  it.each(["12.345", "1e5", "12345678901234567", "1,000.00", "- 1", "abc"])(
    "the amount sort with %s, which is not money",
    (value) => {
      expect(decodeCursor(forge(["amount", [value], "x"]), "amount")).toBeNull();
    },
  );

  it("the amount sort accepts an integer amount (it is cast as numeric)", () => {
    expect(decodeCursor(forge(["amount", [500], "x"]), "amount")).toEqual({ sort: "amount", values: [500], id: "x" });
  });

  it.each<[string, unknown[]]>([
    ["a series that is not text", [1, 1, "1"]],
    ["a folio length that is text", ["A", "1", "1"]],
    ["a negative folio length", ["A", -1, "1"]],
    ["a folio length beyond int4", ["A", 2_147_483_648, "1"]],
    ["a folio that is not text", ["A", 1, 1]],
  ])("the folio sort with %s", (_label, values) => {
    expect(decodeCursor(forge(["folio", values, "x"]), "folio")).toBeNull();
  });

  it("the folio sort accepts lengths 0 and 2147483647 (int4's range)", () => {
    for (const length of [0, 2_147_483_647]) {
      expect(decodeCursor(forge(["folio", ["A", length, "1"], "x"]), "folio")).toEqual({
        sort: "folio",
        values: ["A", length, "1"],
        id: "x",
      });
    }
  });
});
