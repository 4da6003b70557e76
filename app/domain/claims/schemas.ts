// What the claim forms and the domain functions accept (one schema per form, shared by client and server).
import { z } from "zod";
import { CLAIM_ORIGINS, CLAIM_RESOLUTIONS, CLAIM_SETTLEMENT_KINDS, CLAIM_TYPES } from "~/domain/vocabulary";

const Id = z.string().trim().min(1).max(64);
/** A positive amount with at most two decimals, as an exact string. */
const PositiveMoney = z
  .string()
  .trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, "amount")
  .refine((s) => /[1-9]/.test(s), "amount");
const Text = (max: number) => z.string().trim().min(1).max(max);

export const DisputedDocumentSchema = z.object({
  documentId: Id,
  lineId: Id.nullish().transform((v) => v ?? null),
  amount: PositiveMoney,
});

export const RaiseClaimSchema = z
  .object({
    accountId: Id,
    type: z.enum(CLAIM_TYPES),
    origin: z.enum(CLAIM_ORIGINS),
    description: Text(4000),
    documents: z.array(DisputedDocumentSchema).max(50).default([]),
  })
  .refine((c) => c.origin === "general" || c.documents.length > 0, {
    path: ["documents"],
    message: "documents_required",
  })
  .refine((c) => c.origin !== "lines" || c.documents.every((d) => d.lineId !== null), {
    path: ["documents"],
    message: "lines_required",
  });
export type RaiseClaimInput = z.input<typeof RaiseClaimSchema>;

/** Every transition names the version the actor saw: a stale form changes nothing. */
const Transition = z.object({ claimId: Id, version: z.coerce.number().int().positive() });

export const MessageSchema = Transition.extend({ body: Text(4000) });
export const ReassignSchema = Transition.extend({ assigneeId: Id });
export const EscalateSchema = Transition.extend({ reason: Text(1000) });
export const ResolveSchema = Transition.extend({
  resolution: z.enum(CLAIM_RESOLUTIONS),
  reason: z.string().trim().max(2000).optional(),
  acceptedAmount: PositiveMoney.optional(),
  /** What settles an accepted claim in the ledger (settle-claim.server.ts); none when left out. */
  settlement: z.enum(CLAIM_SETTLEMENT_KINDS).optional(),
});
export const WithdrawSchema = Transition.extend({ reason: z.string().trim().max(2000).optional() });
export const ReopenSchema = Transition.extend({ reason: Text(2000) });
export const VersionOnlySchema = Transition;
