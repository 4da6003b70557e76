// Loaders of one registered payment and its downloads (provisional receipt PDF, proof file, REP XML
// and PDF), shared by the customer portal and the staff cash application pages. A customer reaches
// the registrations of every account it was granted (whatever the switcher shows); staff those of the
// accounts they reach. Foreign IDs, and IDs of a shape no row can have, answer 404.
import { allocationTotals, provisionalReceiptData, repPdfData } from "~/domain/payments/payment-pdf-data.server";
import { type RegistrationDetail, getPaymentReceipt } from "~/domain/payments/read-payment-registrations.server";
import { renderPaymentPdf } from "~/domain/payments/render-payment-pdf.server";
import { NATIONAL_CURRENCY } from "~/domain/vocabulary";
import { type AccountScope, requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { formattingLocale } from "~/utils/i18n";
import { requireIdParam } from "~/utils/input";
import { notFound, requireCustomerContext } from "~/utils/permissions.server";
import { refuseIfPdfBusy, renderOrBusy } from "./pdf-busy.server";

const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`;

/** What the registration's page shows, as plain JSON. */
export function presentRegistration(detail: RegistrationDetail, language: "es" | "en") {
  const r = detail.registration;
  const { allocated, onAccount } = allocationTotals(detail);
  return {
    id: r.id,
    folio: `RP-${r.number}`,
    accountId: r.accountId,
    account: { number: r.accountNumber, name: r.accountName },
    locale: formattingLocale(language, r.country),
    method: r.method,
    status: r.status,
    paidOn: r.paidOn,
    depositDate: r.depositDate,
    amount: r.amount,
    currency: r.currency,
    /** A payment not in the seller's currency: confirming it takes the exchange rate. */
    foreignCurrency: r.currency !== NATIONAL_CURRENCY[r.country],
    nationalCurrency: NATIONAL_CURRENCY[r.country],
    exchangeRate: r.exchangeRate,
    bank: r.bank,
    reference: r.reference,
    notes: r.notes,
    staffEntered: r.staffEntered,
    registeredBy: r.registeredByName,
    createdAt: r.createdAt.toISOString(),
    rejectionReason: r.rejectionReason,
    duplicateDecision: r.duplicateDecision,
    proof: r.proofFileName ? { fileName: r.proofFileName, mediaType: r.proofMediaType, size: r.proofSize } : null,
    version: r.version,
    allocations: detail.allocations.map((a) => ({
      documentId: a.documentId,
      label: `${a.series}-${a.folio}`,
      dueDate: a.dueDate,
      amount: a.amount,
    })),
    allocated,
    onAccount,
    applied: detail.applied.map((a) => ({
      id: a.id,
      label: `${a.series}-${a.folio}`,
      targetId: a.targetId,
      amount: a.amount,
      appliedOn: a.appliedOn,
      isReversal: a.reversesId !== null,
      reversed: a.reversed,
    })),
    receipts: detail.receipts,
  };
}

export type PresentedRegistration = ReturnType<typeof presentRegistration>;

/** The provisional receipt of a registration the caller already reached. */
export async function downloadProvisionalReceipt(scope: AccountScope, detail: RegistrationDetail) {
  const busy = refuseIfPdfBusy(scope);
  if (busy) return busy;
  const r = detail.registration;
  const locale = formattingLocale(scope.language, r.country);
  const data = provisionalReceiptData(detail, scope.language);
  const folio = data.folio;
  const rendered = await renderOrBusy(scope, () =>
    renderPaymentPdf({ document: "provisional_receipt", data }, { language: scope.language, locale }),
  );
  if ("busy" in rendered) return rendered.busy;
  return new Response(rendered.pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachment(`recibo-provisional-${folio}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}

/** A REP as stored (XML) or printed (PDF), if it belongs to one of `accountIds`. */
export async function downloadRep(
  scope: AccountScope,
  accountIds: readonly string[],
  receiptId: string | undefined,
  format: string | undefined,
) {
  const id = requireIdParam(receiptId);
  if (format !== "xml" && format !== "pdf") notFound();
  const receipt = await getPaymentReceipt(await getDb(), accountIds, id);
  if (!receipt) notFound();
  const name = `${receipt.series}-${receipt.folio}`;
  if (format === "xml")
    return new Response(receipt.xml, {
      headers: {
        "Content-Type": "application/xml; charset=utf-8",
        "Content-Disposition": attachment(`${name}.xml`),
        "Cache-Control": "private, no-store",
      },
    });
  const busy = refuseIfPdfBusy(scope);
  if (busy) return busy;
  const locale = formattingLocale(scope.language, "MX");
  const rendered = await renderOrBusy(scope, () =>
    renderPaymentPdf({ document: "rep", data: repPdfData(receipt) }, { language: scope.language, locale }),
  );
  if ("busy" in rendered) return rendered.busy;
  return new Response(rendered.pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachment(`${name}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}

/** The proof file, as uploaded (its type was sniffed from the bytes when accepted). */
export function proofResponse(proof: {
  fileName: string | null;
  mediaType: string | null;
  content: Uint8Array | null;
}) {
  return new Response(proof.content as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": proof.mediaType ?? "application/octet-stream",
      "Content-Disposition": attachment(proof.fileName ?? "comprobante"),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The customer reading its registrations: the page's scope (language) and every granted account. */
export async function requirePaymentCustomer(request: Request) {
  const scope = await requirePortalScope(request);
  const { grants } = await requireCustomerContext(request);
  return { scope, accountIds: grants.map((g) => g.accountId) };
}
