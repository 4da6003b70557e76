// Loaders of one registered payment and its downloads (provisional receipt PDF, proof file, REP XML
// and PDF), shared by the customer portal and the staff cash application pages. A customer reaches
// the registrations of every account it was granted (whatever the switcher shows); staff those of the
// accounts they reach. Foreign IDs, and IDs of a shape no row can have, answer 404.
import { readFiscalXml } from "~/domain/fiscal/read-fiscal-xml";
import type { ProvisionalReceiptData } from "~/domain/payments/pdf/payment-pdfs";
import { type RegistrationDetail, getPaymentReceipt } from "~/domain/payments/read-payment-registrations.server";
import { renderPaymentPdf } from "~/domain/payments/render-payment-pdf.server";
import { type AccountScope, requirePortalScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { getFixedT, formattingLocale } from "~/utils/i18n";
import { requireIdParam } from "~/utils/input";
import { addMoney, subtractMoney } from "~/utils/money";
import { notFound, requireCustomerContext } from "~/utils/permissions.server";
import { refuseIfPdfBusy, renderOrBusy } from "./pdf-busy.server";

const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`;

/** What the registration's page shows, as plain JSON. */
export function presentRegistration(detail: RegistrationDetail, language: "es" | "en") {
  const r = detail.registration;
  const allocated = detail.allocations.length > 0 ? addMoney(...detail.allocations.map((a) => a.amount)) : "0.00";
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
    onAccount: subtractMoney(r.amount, allocated),
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
  const t = getFixedT(scope.language);
  const locale = formattingLocale(scope.language, r.country);
  const presented = presentRegistration(detail, scope.language);
  const data: ProvisionalReceiptData = {
    folio: presented.folio,
    sellerName: r.sellerName,
    sellerTaxId: r.sellerTaxId,
    accountNumber: r.accountNumber,
    accountName: r.accountName,
    accountTaxId: r.accountTaxId,
    method: t(`registrations.methods.${r.method}`),
    paidOn: r.paidOn,
    depositDate: r.depositDate,
    amount: r.amount,
    currency: r.currency,
    bank: r.bank,
    reference: r.reference,
    registeredAt: new Intl.DateTimeFormat(locale, {
      timeZone: r.timeZone,
      dateStyle: "long",
      timeStyle: "short",
    }).format(r.createdAt),
    registeredBy: r.registeredByName,
    staffEntered: r.staffEntered,
    proof: r.proofFileName ? `${r.proofFileName} · SHA-256 ${r.proofSha256?.slice(0, 16)}…` : null,
    status: t(`registrations.statuses.${r.status}`),
    allocations: presented.allocations.map((a) => ({ label: a.label, dueDate: a.dueDate, amount: a.amount })),
    onAccount: presented.onAccount,
  };
  const rendered = await renderOrBusy(scope, () =>
    renderPaymentPdf({ document: "provisional_receipt", data }, { language: scope.language, locale }),
  );
  if ("busy" in rendered) return rendered.busy;
  return new Response(rendered.pdf as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachment(`recibo-provisional-${presented.folio}.pdf`),
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
  const record = readFiscalXml(receipt.xml);
  const cfdi = record?.standard === "cfdi" ? record : null;
  const attr = (re: RegExp) => re.exec(receipt.xml)?.[1] ?? "";
  const locale = formattingLocale(scope.language, "MX");
  const rendered = await renderOrBusy(scope, () =>
    renderPaymentPdf(
      {
        document: "rep",
        data: {
          series: receipt.series,
          folio: receipt.folio,
          uuid: receipt.uuid,
          issuedAt: cfdi?.issuedAt ?? "",
          sellerName: cfdi?.issuer.name ?? "",
          sellerTaxId: cfdi?.issuer.rfc ?? "",
          accountName: cfdi?.receiver.name ?? "",
          accountTaxId: cfdi?.receiver.rfc ?? "",
          paidOn: attr(/ FechaPago="(\d{4}-\d{2}-\d{2})/),
          paymentForm: attr(/ FormaDePagoP="([^"]+)"/),
          amount: attr(/ MontoTotalPagos="([^"]+)"/),
          currency: "MXN",
          reference: attr(/ NumOperacion="([^"]+)"/),
          invoices: receipt.invoices.map((i) => ({
            label: `${i.series}-${i.folio}`,
            uuid: i.uuid ?? "",
            instalment: i.instalment,
            balanceBefore: i.balanceBefore,
            paid: i.paid,
            balanceAfter: i.balanceAfter,
          })),
        },
      },
      { language: scope.language, locale },
    ),
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
