// The error page of this side's downloads (see utils/resource-errors.server.ts): answers the status
// in the address inside the signed-in layout, after the layout has checked who is asking.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ERROR_PAGE_STATUSES } from "~/utils/resource-errors.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const status = Number(params.status);
  throw new Response(null, { status: (ERROR_PAGE_STATUSES as readonly number[]).includes(status) ? status : 404 });
}

export default function ErrorPage() {
  return null;
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
