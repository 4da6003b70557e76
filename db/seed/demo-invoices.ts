// Recent sales for the payment and plan demos: a few invoices on a demo account, issued through the
// ledger (issueDocuments) with their stamped CFDI 4.0 (PPD, Mexico) or DIAN UBL (Colombia) XML, as the
// history's invoices are, in the seller's next folios. The demos pay, promise and plan these, so their
// stories do not depend on what the history happened to leave open (a good payer has almost nothing
// open), and they leave the history's documents, which other demos and tests read, as they were.
import { eq } from "drizzle-orm";
import { customerAccounts, sellers } from "#db/schema";
import type { Actor } from "~/domain/audit/record-audit-events.server";
import { buildCfdiXml } from "~/domain/fiscal/build-cfdi-xml";
import { buildUblXml } from "~/domain/fiscal/build-ubl-xml";
import { computeFiscalTotals, type FiscalLineInput } from "~/domain/fiscal/fiscal-types";
import { issueDocuments } from "~/domain/ledger/issue-documents.server";
import { nextFolio } from "~/domain/ledger/next-folio.server";
import { addDays } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { PRODUCTS, RECEIVERS, TAX_RATE } from "./catalog";
import type { Rng } from "./prng";

export interface DemoInvoice {
  id: string;
  series: string;
  folio: string;
  issueDate: string;
  dueDate: string;
  amount: string;
}

const SERIES = { MX: "A", CO: "FE" } as const;

/** Issues one invoice per entry of `issueDates` (due after the account's term), each of 1–3 lines. */
export async function issueDemoInvoices(
  db: Db,
  actor: Actor,
  rng: Rng,
  input: { accountId: string; issueDates: string[]; scale?: number },
): Promise<DemoInvoice[]> {
  const [row] = await db
    .select({ account: customerAccounts, seller: sellers })
    .from(customerAccounts)
    .innerJoin(sellers, eq(sellers.id, customerAccounts.sellerId))
    .where(eq(customerAccounts.id, input.accountId));
  const { account, seller } = row;
  const country = seller.country;
  const issued: DemoInvoice[] = [];
  for (const issueDate of input.issueDates) {
    const catalogue = PRODUCTS[country];
    const lines: FiscalLineInput[] = Array.from({ length: rng.int(1, 3) }, () => {
      const p = rng.pick(catalogue);
      const qty = Math.max(1, Math.round(p.baseQty * (input.scale ?? 1) * (0.5 + rng.next())));
      const price = country === "CO" ? Math.round(p.price * 1.1) : Math.round(p.price * 110) / 100;
      return {
        sku: p.sku,
        description: p.description,
        unit: p.unit,
        productCode: p.productCode,
        unitCode: p.unitCode,
        quantity: String(qty),
        unitPrice: price.toFixed(2),
        taxRate: TAX_RATE[country],
      };
    });
    // The same product twice is one line of the sum of both.
    const merged = [...new Map(lines.map((l) => [l.sku, l])).values()];
    const totals = computeFiscalTotals(merged);
    const dueDate = addDays(issueDate, account.paymentTermDays);
    const time = `${String(rng.int(8, 17)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`;
    const issuer = {
      taxId: seller.taxId,
      legalName: seller.legalName,
      taxRegime: seller.taxRegime,
      postalCode: seller.postalCode,
    };
    const receiver = {
      taxId: account.taxId,
      legalName: account.legalName,
      taxRegime: account.taxRegime,
      postalCode: account.postalCode,
    };
    const doc = await db.transaction(async (tx) => {
      const series = SERIES[country];
      const folio = await nextFolio(tx, { sellerId: seller.id, kind: "invoice", series });
      let xml: string;
      let fiscalId: string;
      if (country === "MX") {
        fiscalId = `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(["8", "9", "a", "b"])}${rng.hex(3)}-${rng.hex(12)}`;
        xml = buildCfdiXml({
          kind: "invoice",
          series,
          folio,
          issuedAt: `${issueDate}T${time}`,
          currency: "MXN",
          paymentMethod: "PPD",
          paymentForm: "99",
          paymentTerms: `Crédito ${account.paymentTermDays} días`,
          issuer,
          receiver,
          lines: merged,
          totals,
          stamp: { uuid: fiscalId, stampedAt: `${issueDate}T${time}` },
        });
      } else {
        const built = buildUblXml({
          kind: "invoice",
          prefix: series,
          number: folio,
          issueDate,
          issueTime: `${time}-05:00`,
          dueDate,
          currency: "COP",
          supplier: issuer,
          customer: receiver,
          lines: merged,
          totals,
          paymentMeansCode: "2",
        });
        xml = built.xml;
        fiscalId = built.cufe;
      }
      const [created] = await issueDocuments(tx, actor, [
        {
          accountId: account.id,
          kind: "invoice",
          series,
          folio,
          fiscalId,
          issueDate,
          dueDate,
          currency: account.currency,
          paymentMethod: country === "MX" ? "PPD" : null,
          paymentForm: country === "MX" ? "99" : null,
          lines: merged,
          // Delivered as the history's invoices are: one remission, numbered apart from the history's.
          remissions: [
            {
              number: `${country === "MX" ? "REM" : "RM"}-9${folio.padStart(6, "0")}`,
              deliveryDate: issueDate,
              receivedBy: rng.pick(RECEIVERS),
            },
          ],
          files: [
            {
              role: "xml",
              fileName: `${series}-${folio}.xml`,
              mediaType: "application/xml",
              content: new TextEncoder().encode(xml),
            },
          ],
        },
      ]);
      return { id: created.id, series, folio };
    });
    issued.push({ ...doc, issueDate, dueDate, amount: totals.total });
  }
  return issued;
}
