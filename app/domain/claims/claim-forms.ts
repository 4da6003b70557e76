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

export const RaiseClaimFormSchema = z
  .object({
    type: z.enum(CLAIM_TYPES),
    documentId: z.string().trim().min(1).max(64).optional(),
    amount: Money.optional(),
    description: z.string().trim().min(1).max(4000),
  })
  .refine((v) => !v.documentId || v.amount !== undefined, { path: ["amount"], message: "validation.required" });

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
