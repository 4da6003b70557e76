// One-time messages shown after a redirect ("Enviamos el estado de cuenta…"): a signed cookie holding
// one ToastSchema value, read once by the root loader and cleared in the same answer. A cookie that
// does not parse (forged, old shape) is ignored.
import { createId } from "@paralleldrive/cuid2";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { readToastCookie, serializeToastCookie } from "./session.server";

export const ToastSchema = z.object({
  id: z
    .string()
    .max(40)
    .default(() => createId()),
  kind: z.enum(["success", "error", "info"]).default("info"),
  message: z.string().min(1).max(500),
});

export type Toast = z.infer<typeof ToastSchema>;
export type ToastInput = z.input<typeof ToastSchema>;

/** Headers that set the toast cookie. */
export async function createToastHeaders(request: Request, toast: ToastInput): Promise<Headers> {
  return new Headers({ "Set-Cookie": await serializeToastCookie(request, ToastSchema.parse(toast)) });
}

/** Merges header sets, keeping every Set-Cookie. */
export function combineHeaders(...all: (HeadersInit | null | undefined)[]): Headers {
  const combined = new Headers();
  for (const headers of all) {
    if (!headers) continue;
    new Headers(headers).forEach((value, key) => combined.append(key, value));
  }
  return combined;
}

export async function redirectWithToast(request: Request, url: string, toast: ToastInput, init?: ResponseInit) {
  return redirect(url, { ...init, headers: combineHeaders(init?.headers, await createToastHeaders(request, toast)) });
}

/** The pending toast and the header that clears it, or nothing. */
export async function getToast(request: Request): Promise<{ toast: Toast | null; headers: Headers | null }> {
  const raw = await readToastCookie(request);
  if (raw === null) return { toast: null, headers: null };
  const parsed = ToastSchema.safeParse(raw);
  const clear = new Headers({ "Set-Cookie": await serializeToastCookie(request, null) });
  return { toast: parsed.success ? parsed.data : null, headers: clear };
}
