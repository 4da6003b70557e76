import { z } from "zod";
import { IsoDateSchema } from "~/domain/ledger/schemas";
import { isStatementPeriodTooLong } from "./period";

export const StatementQuerySchema = z
  .object({
    accountId: z.string().min(1),
    /** The accounts the caller may see; the statement is null unless accountId is among them. */
    accountIds: z.array(z.string()),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    asOf: IsoDateSchema.optional(),
    /** Clock for the default period; tests pin it. */
    now: z.date().optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { path: ["to"], message: "period.incomplete" })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "period.reversed" })
  .refine((q) => !q.from || !q.to || !isStatementPeriodTooLong(q.from, q.to), {
    path: ["from"],
    message: "period.tooLong",
  });
export type StatementQuery = z.input<typeof StatementQuerySchema>;

/** The statement page's form: its intents (only "email it to me" today); the period is in the URL. */
export const StatementActionSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("email", { error: "validation.invalid" }) })],
  { error: "validation.invalid" },
);
