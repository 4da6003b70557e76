// The sealed PDF of one of the customer's minutes; the download is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readSealedPdf } from "~/domain/signing/read-sealed-pdf.server";
import { recordEnvelopeDownload } from "~/domain/signing/record-envelope-download.server";
import { actorFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { requireIdParam } from "~/utils/input";
import { sealedMinutesResponse } from "~/utils/minutes-pages.server";
import { notFound } from "~/utils/permissions.server";
import { withErrorPage } from "~/utils/resource-errors.server";
import { requireEnvelopeCustomer } from "~/utils/signing-pages.server";

export const loader = withErrorPage("portal", async ({ request, params }: LoaderFunctionArgs) => {
  const customer = await requireEnvelopeCustomer(request);
  const db = await getDb();
  const pdf = await readSealedPdf(db, customer.readableAccountIds, requireIdParam(params.envelopeId), "minutes");
  if (!pdf) notFound();
  await recordEnvelopeDownload(db, actorFor(request, customer.user), pdf);
  return sealedMinutesResponse(pdf.bytes, pdf.number);
});
