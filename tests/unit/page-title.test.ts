// Page titles come from the dictionaries in the reader's language (the root loader's), Spanish when
// the root has none; every route's meta names a key that exists in both dictionaries.
import { readFileSync } from "node:fs";
import type { MetaArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { es } from "~/i18n/es";
import { pageTitle } from "~/utils/page-title";
import { listRouteFiles } from "../setup/route-files";

const argsWith = (language: unknown) =>
  ({ matches: [{ id: "root", data: language === undefined ? undefined : { language } }] }) as unknown as MetaArgs;

describe("pageTitle", () => {
  it("titles a page in the reader's language", () => {
    expect(pageTitle("titles.invoices")(argsWith("es"))).toEqual([{ title: "Cartera · Facturas" }]);
    expect(pageTitle("titles.invoices")(argsWith("en"))).toEqual([{ title: "Cartera · Invoices" }]);
  });
  it("falls back to Spanish without a (valid) root language", () => {
    expect(pageTitle("titles.home")(argsWith(undefined))).toEqual([{ title: "Cartera · Resumen" }]);
    expect(pageTitle("titles.home")(argsWith("fr"))).toEqual([{ title: "Cartera · Resumen" }]);
  });
  it("no route writes its title by hand; each names a title of both dictionaries", () => {
    for (const route of listRouteFiles()) {
      const source = readFileSync(route.file, "utf8");
      expect(source, route.file).not.toMatch(/title: "/);
      for (const [, key] of source.matchAll(/pageTitle\("titles\.(\w+)"\)/g)) {
        expect(es.titles, `${route.file}: es`).toHaveProperty(key);
        expect(en.titles, `${route.file}: en`).toHaveProperty(key);
      }
    }
  });
});
