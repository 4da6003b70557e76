// The small pieces many pages share: the page header, the notice after an action, the view links.
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { ActionNotice } from "~/components/ui/action-notice";
import { PageHeader } from "~/components/ui/page-header";
import { ViewLinks } from "~/components/ui/view-links";

describe("PageHeader", () => {
  it("is a title and its intro, with the actions beside them when there are any", () => {
    expect(renderToStaticMarkup(<PageHeader title="Cheques" intro="En custodia" />)).toBe(
      '<div><h1 class="text-2xl font-semibold text-slate-900">Cheques</h1><p class="text-slate-600">En custodia</p></div>',
    );
    expect(renderToStaticMarkup(<PageHeader title="Cheques" actions={<a href="/x">Recolecciones</a>} />)).toBe(
      '<div class="flex flex-wrap items-end justify-between gap-3"><div><h1 class="text-2xl font-semibold text-slate-900">Cheques</h1></div><a href="/x">Recolecciones</a></div>',
    );
  });
});

describe("ActionNotice", () => {
  it("shows the error as an alert before anything done, and nothing without either", () => {
    expect(renderToStaticMarkup(<ActionNotice error="No" done="Hecho" />)).toContain('role="alert"');
    expect(renderToStaticMarkup(<ActionNotice error="No" done="Hecho" />)).not.toContain("Hecho");
    expect(renderToStaticMarkup(<ActionNotice error={null} done="Hecho" />)).toBe(
      '<p role="status" class="text-sm text-emerald-800">Hecho</p>',
    );
    expect(renderToStaticMarkup(<ActionNotice error={null} done={null} />)).toBe("");
  });
});

describe("ViewLinks", () => {
  it("links each view by its query and marks the current one", () => {
    const html = renderToStaticMarkup(
      <StaticRouter location="/staff/promises?view=week">
        <ViewLinks label="Vistas" views={["today", "week"] as const} current="week" labelOf={(v) => v.toUpperCase()} />
      </StaticRouter>,
    );
    expect(html).toContain('<nav aria-label="Vistas">');
    expect(html).toMatch(/<a[^>]*href="\/staff\/promises\?view=today"[^>]*>TODAY<\/a>/);
    expect(html).toMatch(/<a aria-current="page"[^>]*href="\/staff\/promises\?view=week"[^>]*>WEEK<\/a>/);
    expect(html).not.toMatch(/aria-current="page"[^>]*view=today/);
  });
});
