// The plain data of the payment PDFs, built once for both places that print them: the download routes
// (app/pages/payment-registration.server.ts) and the payment emails that attach them
// (send-payment-email.server.tsx). The provisional receipt from a registration as read for its page;
// the printed REP from its stamped XML and the instalments stored beside it.
import { readFiscalXml } from "~/domain/fiscal/read-fiscal-xml";
import type { Currency } from "~/domain/vocabulary";
import { type Language, formattingLocale, getFixedT } from "~/utils/i18n";
import { addMoney, subtractMoney } from "~/utils/money";
import type { ProvisionalReceiptData, RepPdfData } from "./pdf/payment-pdfs";
import type { RegistrationDetail, getPaymentReceipt } from "./read-payment-registrations.server";

export type PaymentReceiptRecord = NonNullable<Awaited<ReturnType<typeof getPaymentReceipt>>>;

/** What the registration allocated, and what that leaves on account. */
export function allocationTotals(detail: Pick<RegistrationDetail, "registration" | "allocations">) {
  const allocated = detail.allocations.length > 0 ? addMoney(...detail.allocations.map((a) => a.amount)) : "0.00";
  return { allocated, onAccount: subtractMoney(detail.registration.amount, allocated) };
}

export function provisionalReceiptData(detail: RegistrationDetail, language: Language): ProvisionalReceiptData {
  const r = detail.registration;
  const t = getFixedT(language);
  const locale = formattingLocale(language, r.country);
  return {
    folio: `RP-${r.number}`,
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
    allocations: detail.allocations.map((a) => ({
      label: `${a.series}-${a.folio}`,
      dueDate: a.dueDate,
      amount: a.amount,
    })),
    onAccount: allocationTotals(detail).onAccount,
  };
}

export function repPdfData(receipt: PaymentReceiptRecord): RepPdfData {
  const record = readFiscalXml(receipt.xml);
  const cfdi = record?.standard === "cfdi" ? record : null;
  const attr = (re: RegExp) => re.exec(receipt.xml)?.[1] ?? "";
  return {
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
    amount: attr(/ Monto="([^"]+)"/),
    currency: (attr(/ MonedaP="([^"]+)"/) || "MXN") as Currency,
    reference: attr(/ NumOperacion="([^"]+)"/),
    exchangeRate: attr(/ MonedaP="MXN"/) ? null : attr(/ TipoCambioP="([^"]+)"/) || null,
    invoices: receipt.invoices.map((i) => ({
      label: `${i.series}-${i.folio}`,
      uuid: i.uuid ?? "",
      currency: i.currency,
      instalment: i.instalment,
      balanceBefore: i.balanceBefore,
      paid: i.paid,
      balanceAfter: i.balanceAfter,
    })),
  };
}
