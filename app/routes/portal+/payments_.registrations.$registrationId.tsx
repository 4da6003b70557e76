// One registered payment as the customer sees it: status ("en revisión" until confirmed), what was
// registered and asked to apply, the rejection reason, what the ledger applied, the provisional
// receipt and the REPs. Another customer's registration is not found.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ChequePanel } from "~/components/cheque-panel";
import { getCustomerRegistration } from "~/domain/payments/read-payment-registrations.server";
import { presentRegistration, requirePaymentCustomer } from "~/pages/payment-registration.server";
import { presentRegistrationCheque } from "~/pages/registration-cheque.server";
import { RegistrationView } from "~/pages/registration-view";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { pageTitle } from "~/utils/page-title";
import { notFound } from "~/utils/permissions.server";

export const meta = pageTitle("titles.paymentRegistration");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, accountIds } = await requirePaymentCustomer(request);
  const db = await getDb();
  const detail = await getCustomerRegistration(db, accountIds, requireIdParam(params.registrationId));
  if (!detail) notFound();
  return {
    registration: presentRegistration(detail, scope.language),
    cheque: await presentRegistrationCheque(db, detail.registration.id, { language: scope.language, staff: false }),
  };
}

export default function PortalRegistration() {
  const { registration, cheque } = useLoaderData<typeof loader>();
  const base = `/portal/payments/registrations/${registration.id}`;
  return (
    <RegistrationView
      registration={registration}
      backTo="/portal/payments/registrations"
      links={{
        receipt: `${base}/receipt`,
        proof: `${base}/proof`,
        rep: (id, format) => `/portal/payments/reps/${id}/${format}`,
        document: (id) => `/portal/documents/${id}`,
      }}
    >
      {cheque ? <ChequePanel cheque={cheque} documentLink={(id) => `/portal/documents/${id}`} /> : null}
    </RegistrationView>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
