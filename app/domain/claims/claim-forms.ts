// The claim pages' forms (browser and action parse the same schema): raising a claim, and one schema
// per action on its page, told apart by `intent`. The claim's ID comes from the URL, not the form.
import { z } from "zod";
import { CLAIM_STATUSES, CLAIM_TYPES } from "~/domain/vocabulary";
import {
  EscalateSchema,
  MessageSchema,
  ReassignSchema,
  ReopenSchema,
  ResolveSchema,
  VersionOnlySchema,
  WithdrawSchema,
} from "./schemas";

const Money = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, "validation.invalid")
  .refine((s) => /[1-9]/.test(s), "validation.invalid");

/** What a claim raised on a document disputes: the whole document, or some of its lines. */
export const RAISE_CLAIM_SCOPES = ["document", "lines"] as const;
export const MAX_CLAIM_LINES = 200;

/** One line of the invoice in the raise form: ticked to dispute it, with the amount disputed on it. */
export const RaiseClaimLineSchema = z.object({
  lineId: z.string().trim().min(1).max(64),
  selected: z.literal("on").optional(),
  amount: z.string().trim().max(40).optional(),
});

export const RaiseClaimFormSchema = z
  .object({
    type: z.enum(CLAIM_TYPES),
    documentId: z.string().trim().min(1).max(64).optional(),
    scope: z.enum(RAISE_CLAIM_SCOPES).default("document"),
    /** The whole document's amount: checked only when the scope is "document" (the lines' part hides it). */
    amount: z.string().trim().max(40).optional(),
    lines: z.array(RaiseClaimLineSchema).max(MAX_CLAIM_LINES).default([]),
    description: z.string().trim().min(1).max(4000),
  })
  .superRefine((v, ctx) => {
    if (!v.documentId) return;
    if (v.scope === "document") {
      if (v.amount === undefined) ctx.addIssue({ code: "custom", path: ["amount"], message: "validation.required" });
      else if (!Money.safeParse(v.amount).success)
        ctx.addIssue({ code: "custom", path: ["amount"], message: "validation.invalid" });
      return;
    }
    let chosen = 0;
    v.lines.forEach((line, index) => {
      if (!line.selected) return;
      chosen += 1;
      if (!line.amount)
        ctx.addIssue({ code: "custom", path: ["lines", index, "amount"], message: "validation.required" });
      else if (!Money.safeParse(line.amount).success)
        ctx.addIssue({ code: "custom", path: ["lines", index, "amount"], message: "validation.invalid" });
    });
    if (chosen === 0) ctx.addIssue({ code: "custom", path: ["lines"], message: "validation.chooseLine" });
  });
export type RaiseClaimForm = z.output<typeof RaiseClaimFormSchema>;

/** The lines the form disputes (scope "lines"), each with its amount; none for a whole document. */
export function chosenClaimLines(form: RaiseClaimForm): { lineId: string; amount: string }[] {
  if (form.scope !== "lines" || !form.documentId) return [];
  return form.lines.flatMap((l) => (l.selected && l.amount ? [{ lineId: l.lineId, amount: l.amount }] : []));
}

const noId = { claimId: true } as const;
export const AnswerFormSchema = MessageSchema.omit(noId).extend({ intent: z.literal("answer") });
export const WithdrawFormSchema = WithdrawSchema.omit(noId).extend({ intent: z.literal("withdraw") });
export const ReopenFormSchema = ReopenSchema.omit(noId).extend({ intent: z.literal("reopen") });
export const CustomerClaimActionSchema = z.discriminatedUnion("intent", [
  AnswerFormSchema,
  WithdrawFormSchema,
  ReopenFormSchema,
]);

export const TakeFormSchema = VersionOnlySchema.omit(noId).extend({ intent: z.literal("take") });
export const ReassignFormSchema = ReassignSchema.omit(noId).extend({ intent: z.literal("reassign") });
export const ReplyFormSchema = MessageSchema.omit(noId).extend({ intent: z.literal("reply") });
export const NoteFormSchema = z.object({ intent: z.literal("note"), body: z.string().trim().min(1).max(4000) });
export const RequestInfoFormSchema = MessageSchema.omit(noId).extend({ intent: z.literal("request_info") });
export const EscalateFormSchema = EscalateSchema.omit(noId).extend({ intent: z.literal("escalate") });
export const ResolveFormSchema = ResolveSchema.omit(noId).extend({ intent: z.literal("resolve") });
export const StaffClaimActionSchema = z.discriminatedUnion("intent", [
  TakeFormSchema,
  ReassignFormSchema,
  ReplyFormSchema,
  NoteFormSchema,
  RequestInfoFormSchema,
  EscalateFormSchema,
  ResolveFormSchema,
]);

/** The list pages' status filter: a known status, or none (an unknown value is ignored). */
export function parseClaimListParams(params: URLSearchParams) {
  const status = params.get("status");
  const page = Number(params.get("page") ?? "1");
  return {
    status: (CLAIM_STATUSES as readonly string[]).includes(status ?? "")
      ? (status as (typeof CLAIM_STATUSES)[number])
      : null,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}
