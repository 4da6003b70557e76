// Registering a payment, for the customer (/portal/payments/new) and for a collector's manual receipt
// (/staff/accounts/:id/payments/new): the same form, the same domain call. The account acted on is
// named in the form and checked here against the user's grants with the "pay" permission (a customer)
// or the collector's reach with "apply:payments" (staff), never taken from the switcher's cookie.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { customerAccounts } from "#db/schema";
import type { AcceptedEvidence } from "~/domain/claims/parse-evidence-upload.server";
import { parseEvidenceUpload } from "~/domain/claims/parse-evidence-upload.server";
import { grantAllows } from "~/domain/identity/permissions";
import { payableAmount } from "~/domain/payments/allocate-oldest-first";
import { listAllocatableInvoices } from "~/domain/payments/list-allocatable-invoices.server";
import { RegisterPaymentFormSchema, filledAllocations } from "~/domain/payments/payment-forms";
import { registerPayment } from "~/domain/payments/register-payment.server";
import { PaymentRegistrationError } from "~/domain/payments/registration-errors";
import type { Currency } from "~/domain/vocabulary";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { formattingLocale, todayIn } from "~/utils/i18n";
import { isId } from "~/utils/input";
import { getLanguage, getRequestT } from "~/utils/language.server";
import {
  forbidden,
  notFound,
  requireCustomerContext,
  requireCustomerPermission,
  requireStaffAccount,
} from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

/** One proof file of at most 10 MB. */
export const PROOF_LIMITS = { maxFileSize: 10 * 1024 * 1024, maxFiles: 1, maxTotalSize: 10 * 1024 * 1024 };

interface FormAccount {
  id: string;
  number: string;
  legalName: string;
  currency: Currency;
  timeZone: string;
  country: "MX" | "CO";
}

async function formData(account: FormAccount, language: "es" | "en") {
  const invoices = await listAllocatableInvoices(await getDb(), account.id);
  return {
    account: { id: account.id, number: account.number, legalName: account.legalName, currency: account.currency },
    country: account.country,
    locale: formattingLocale(language, account.country),
    today: todayIn(account.timeZone),
    invoices: invoices.map((i) => ({
      id: i.id,
      label: `${i.series}-${i.folio}`,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      currency: i.currency,
      openAmount: i.openAmount,
      disputedAmount: i.disputedAmount,
      payable: payableAmount(i),
    })),
  };
}

export type RegisterPaymentData = Awaited<ReturnType<typeof formData>> & {
  side: "portal" | "staff";
  accounts: { id: string; number: string; legalName: string }[];
  cancelTo: string;
};

export async function loadCustomerRegisterPayment(request: Request): Promise<RegisterPaymentData> {
  const context = await requireCustomerContext(request);
  const payable = context.grants.filter((g) => grantAllows(g.role, "pay"));
  if (payable.length === 0) forbidden();
  const wanted = new URL(request.url).searchParams.get("account");
  const current = context.selection.kind === "account" ? context.selection.grant.accountId : null;
  const grant =
    payable.find((g) => isId(wanted) && g.accountId === wanted) ??
    payable.find((g) => g.accountId === current) ??
    payable[0];
  const language = await getLanguage(request, context.user);
  const base = await formData(
    {
      id: grant.accountId,
      number: grant.number,
      legalName: grant.legalName,
      currency: grant.currency,
      timeZone: grant.timeZone,
      country: grant.country,
    },
    language,
  );
  return {
    ...base,
    side: "portal",
    accounts: payable.map((g) => ({ id: g.accountId, number: g.number, legalName: g.legalName })),
    cancelTo: "/portal/payments/registrations",
  };
}

export async function loadStaffRegisterPayment(request: Request, accountId: string | undefined) {
  if (!accountId) notFound();
  const { user, account } = await requireStaffAccount(request, accountId, "apply:payments");
  const language = await getLanguage(request, user);
  const [row] = await (
    await getDb()
  )
    .select({ currency: customerAccounts.currency })
    .from(customerAccounts)
    .where(eq(customerAccounts.id, account.id));
  const base = await formData(
    {
      id: account.id,
      number: account.number,
      legalName: account.legalName,
      currency: row.currency,
      timeZone: account.seller.timeZone,
      country: account.seller.country,
    },
    language,
  );
  return { ...base, side: "staff" as const, accounts: [], cancelTo: `/staff/accounts/${account.id}/payments` };
}

/** The form from a multipart body (with the proof) or a urlencoded one; anything else is refused. */
async function readPaymentForm(
  request: Request,
): Promise<{ fields: FormData; proof: AcceptedEvidence | null; refused: boolean }> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") return { fields: await readForm(request), proof: null, refused: false };
  const upload = await parseEvidenceUpload(request, PROOF_LIMITS);
  if (!upload.ok) throw new Response(upload.reason, { status: upload.tooLarge ? 413 : 400 });
  for (const [, value] of upload.fields)
    if (typeof value === "string" && value.includes("\u0000")) throw new Response("Bad request", { status: 400 });
  return { fields: upload.fields, proof: upload.files[0] ?? null, refused: upload.refused.length > 0 };
}

export async function registerPaymentAction(
  request: Request,
  side: { kind: "portal" } | { kind: "staff"; accountId: string | undefined },
) {
  // Who acts is settled before the body is read: an anonymous or foreign caller learns nothing from it.
  const staff =
    side.kind === "staff" ? await requireStaffAccount(request, side.accountId ?? "", "apply:payments") : null;
  const customer = side.kind === "portal" ? await requireCustomerContext(request) : null;
  const { t } = await getRequestT(request);
  const form = await readPaymentForm(request);
  const submission = parseWithZod(form.fields, { schema: RegisterPaymentFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  // The account the form names: the customer's grant with "pay" (404 if not granted, 403 without the
  // permission); for staff the account of the URL, which it reaches.
  let actor;
  if (customer) {
    const { user } = await requireCustomerPermission(request, value.accountId, "pay");
    actor = { ...actorFor(request, user), userId: user.id };
  } else {
    if (value.accountId !== staff!.account.id) notFound();
    actor = { ...actorFor(request, staff!.user), userId: staff!.user.id };
  }
  const reply = (error: string, status = 400) =>
    data({ result: submission.reply({ formErrors: [error] }), error }, { status });
  if (form.refused) return reply(t("registrations.errors.evidence"));
  try {
    const registration = await registerPayment(
      await getDb(),
      actor,
      {
        accountId: value.accountId,
        method: value.method,
        paidOn: value.paidOn,
        depositDate: value.depositDate,
        amount: value.amount,
        currency: value.currency,
        bank: value.bank,
        reference: value.reference,
        notes: value.notes,
        allocations: filledAllocations(value.allocations),
        proof: form.proof,
        staffEntered: side.kind === "staff",
      },
      { now: new Date() },
    );
    const folio = `RP-${registration.number}`;
    const to =
      side.kind === "staff"
        ? `/staff/payments/${registration.id}`
        : `/portal/payments/registrations/${registration.id}`;
    return redirectWithToast(request, to, {
      kind: "success",
      message: t(side.kind === "staff" ? "registrations.staffRegistered" : "registrations.registered", { folio }),
    });
  } catch (error) {
    if (error instanceof PaymentRegistrationError) {
      if (error.code === "account.not_found") notFound();
      return reply(t(`registrations.errors.${error.code}`));
    }
    throw error;
  }
}
