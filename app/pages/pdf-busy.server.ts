// The answer when the PDF worker pool is full (app/domain/pdf/pdf-pool.server.ts): 503 with
// Retry-After and the reason in the reader's language, like a spent budget's 429.
import { PdfRendererBusyError, isPdfRendererBusy, pdfRetryAfterSeconds } from "~/domain/pdf/pdf-pool.server";
import type { AccountScope } from "~/utils/account-scope.server";
import { getFixedT } from "~/utils/i18n";
import { rateLimitMessage, retryAfterHeaders } from "~/utils/rate-limit.server";

export function pdfBusyMessage(scope: AccountScope, retryAfterSeconds: number): string {
  return rateLimitMessage(getFixedT(scope.language), "rateLimit.pdfBusy", retryAfterSeconds);
}

/** 503, Retry-After, the reason as plain text. */
export function pdfBusyResponse(scope: AccountScope, retryAfterSeconds: number): Response {
  return new Response(pdfBusyMessage(scope, retryAfterSeconds), {
    status: 503,
    headers: { ...retryAfterHeaders(retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** The busy answer now if the pool is full, before the request spends a budget or loads data; else null. */
export function refuseIfPdfBusy(scope: AccountScope): Response | null {
  return isPdfRendererBusy() ? pdfBusyResponse(scope, pdfRetryAfterSeconds()) : null;
}

/** Runs a render; a full pool becomes the busy answer (any other failure is thrown on). */
export async function renderOrBusy(
  scope: AccountScope,
  render: () => Promise<Uint8Array>,
): Promise<{ pdf: Uint8Array } | { busy: Response; retryAfterSeconds: number }> {
  try {
    return { pdf: await render() };
  } catch (error) {
    if (error instanceof PdfRendererBusyError)
      return { busy: pdfBusyResponse(scope, error.retryAfterSeconds), retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}
