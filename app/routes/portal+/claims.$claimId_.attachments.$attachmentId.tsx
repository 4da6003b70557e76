import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadPortalClaimAttachment } from "~/pages/claim-attachment.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("portal", async ({ request, params }: LoaderFunctionArgs) =>
  downloadPortalClaimAttachment(request, params),
);
