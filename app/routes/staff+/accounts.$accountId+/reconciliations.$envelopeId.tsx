// One reconciliation of the account (staff): its content as signed, the signers, the differences
// with the claims they raised, and the sealed PDF.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EnvelopeContent } from "~/components/reconciliation";
import { readEnvelope } from "~/domain/signing/read-envelopes.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { pageTitle } from "~/utils/page-title";
import { notFound } from "~/utils/permissions.server";
import { presentEnvelope } from "~/utils/signing-pages.server";

export const meta = pageTitle("titles.reconciliation");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireStaffScope(request, params.accountId);
  const envelopeId = requireIdParam(params.envelopeId);
  const detail = await readEnvelope(await getDb(), scope.accountIds, envelopeId, { now: new Date() });
  if (!detail) notFound();
  return { envelope: presentEnvelope(detail, scope.locale), basePath: scope.basePath };
}

export default function StaffReconciliation() {
  const { envelope, basePath } = useLoaderData<typeof loader>();
  return (
    <EnvelopeContent
      envelope={envelope}
      claimsBasePath="/staff/claims"
      pdfHref={`${basePath}/reconciliations/${envelope.id}/pdf`}
    />
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
