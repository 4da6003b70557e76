// The sealed PDF of one of the account's minutes (staff); the download is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readSealedPdf } from "~/domain/signing/read-sealed-pdf.server";
import { recordEnvelopeDownload } from "~/domain/signing/record-envelope-download.server";
import { requireStaffScope } from "~/utils/account-scope.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { sealedMinutesResponse } from "~/utils/minutes-pages.server";
import { notFound } from "~/utils/permissions.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) => {
  const scope = await requireStaffScope(request, params.accountId);
  const db = await getDb();
  const pdf = await readSealedPdf(db, scope.accountIds, requireIdParam(params.envelopeId), "minutes");
  if (!pdf) notFound();
  await recordEnvelopeDownload(db, scope.actor, pdf);
  return sealedMinutesResponse(pdf.bytes, pdf.number);
});
