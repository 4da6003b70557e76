import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadStaffClaimAttachment } from "~/pages/claim-attachment.server";
import { withErrorPage } from "~/utils/resource-errors.server";

export const loader = withErrorPage("staff", async ({ request, params }: LoaderFunctionArgs) =>
  downloadStaffClaimAttachment(request, params),
);
