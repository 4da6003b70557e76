// The shared table header: one th per column with its alignment, and the styling hooks the framed and
// the unframed tables use (thead band, row rule, cell padding).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TableHead } from "~/components/ui/table";

describe("TableHead", () => {
  it("renders a column header per column, right-aligned amounts and screen-reader-only actions", () => {
    const html = renderToStaticMarkup(
      <table>
        <TableHead
          columns={[{ label: "Fecha" }, { label: "Importe", align: "right" }, { label: "Acciones", srOnly: true }]}
        />
      </table>,
    );
    expect(html).toBe(
      '<table><thead class="bg-slate-50 text-left text-slate-700"><tr>' +
        '<th scope="col" class="px-3 py-2 font-medium">Fecha</th>' +
        '<th scope="col" class="px-3 py-2 font-medium text-right">Importe</th>' +
        '<th scope="col" class="px-3 py-2 font-medium sr-only">Acciones</th>' +
        "</tr></thead></table>",
    );
  });

  it("styles the row of an unframed table and leaves its thead bare", () => {
    const html = renderToStaticMarkup(
      <table>
        <TableHead
          className=""
          rowClassName="border-b border-slate-200 text-slate-600"
          cellClassName="py-2"
          columns={[
            { label: "Documento", className: "pr-2" },
            { label: "Importe", align: "right" },
          ]}
        />
      </table>,
    );
    expect(html).toBe(
      '<table><thead><tr class="border-b border-slate-200 text-slate-600">' +
        '<th scope="col" class="py-2 pr-2">Documento</th>' +
        '<th scope="col" class="py-2 text-right">Importe</th>' +
        "</tr></thead></table>",
    );
  });
});
