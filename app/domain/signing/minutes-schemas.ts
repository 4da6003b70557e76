// What the minutes forms and domain functions accept. The staff form (record a minute, or its next
// version after accepting corrections) types amounts in the staff member's locale and picks promise
// documents as rows (as the promise form does); the domain takes exact amounts. The portal's forms:
// sign (the same signature fields as a reconciliation) or propose corrections; the staff's response.
import { z } from "zod";
import { DocumentAmountRowsSchema, chosenDocumentAmounts } from "~/domain/payments/document-amounts-form";
import { CORRECTION_TARGETS, MEETING_CHANNELS } from "~/domain/vocabulary";
import { IdSchema, hasControlCharacters } from "~/utils/input";
import { parseAmount } from "~/utils/money";
import { SignatureFields, requireSecret } from "./schemas";

export const MAX_MINUTES_TOPICS = 30;
export const MAX_MINUTES_AGREEMENTS = 30;
export const MAX_MINUTES_ATTENDEES = 30;

const CalendarDate = z
  .string()
  .trim()
  .min(1, "validation.required")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "2000-01-01";
  }, "validation.date");
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.invalid")
    .refine((v) => !hasControlCharacters(v.replace(/[\r\n\t]/g, " ")), "validation.invalid");
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.invalid")
    .refine((v) => !hasControlCharacters(v.replace(/[\r\n\t]/g, " ")), "validation.invalid")
    .default("");
const ExactMoney = z
  .string()
  .regex(/^\d{1,16}(\.\d{1,2})?$/)
  .refine((s) => /[1-9]/.test(s));
const Sha256 = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{64}$/);

/** What recordMinutes takes: exact amounts, the attendees by user ID. */
export const RecordMinutesSchema = z.object({
  accountId: IdSchema,
  meetingDate: CalendarDate,
  channel: z.enum(MEETING_CHANNELS),
  place: Text(200),
  customerAttendeeIds: z.array(IdSchema).min(1).max(MAX_MINUTES_ATTENDEES),
  sellerAttendees: z.array(Text(200)).min(1).max(MAX_MINUTES_ATTENDEES),
  topics: z
    .array(z.object({ title: Text(200), notes: OptionalText(4000) }))
    .min(1)
    .max(MAX_MINUTES_TOPICS),
  agreements: z
    .array(
      z.object({
        text: Text(2000),
        owner: Text(200),
        dueDate: CalendarDate,
        promiseItems: z
          .array(z.object({ documentId: IdSchema, amount: ExactMoney }))
          .max(50)
          .default([]),
      }),
    )
    .max(MAX_MINUTES_AGREEMENTS)
    .default([]),
});
export type RecordMinutesInput = z.input<typeof RecordMinutesSchema>;

/** The staff form: `supersedesId` when it is the next version of minutes whose corrections were accepted. */
export function minutesFormSchema(locale: string) {
  return z
    .object({
      intent: z.literal("record"),
      supersedesId: IdSchema.optional(),
      meetingDate: CalendarDate,
      channel: z.enum(MEETING_CHANNELS, { message: "validation.required" }),
      place: Text(200),
      customerAttendeeIds: z
        .array(IdSchema)
        .min(1, "validation.chooseAttendee")
        .max(MAX_MINUTES_ATTENDEES, "validation.invalid")
        .default([]),
      /** One name per line. */
      sellerAttendees: Text(4000),
      topics: z
        .array(z.object({ title: Text(200), notes: OptionalText(4000) }))
        .min(1, "validation.required")
        .max(MAX_MINUTES_TOPICS, "validation.invalid"),
      agreements: z
        .array(
          z.object({
            text: Text(2000),
            owner: Text(200),
            dueDate: CalendarDate,
            items: DocumentAmountRowsSchema,
          }),
        )
        .max(MAX_MINUTES_AGREEMENTS, "validation.invalid")
        .default([]),
    })
    .superRefine((form, ctx) => {
      form.agreements.forEach((agreement, a) =>
        agreement.items.forEach((row, i) => {
          if (!row.selected) return;
          const parsed = parseAmount(row.amount ?? "", locale);
          if (!parsed.ok || !/[1-9]/.test(parsed.value))
            ctx.addIssue({
              code: "custom",
              path: ["agreements", a, "items", i, "amount"],
              message: "validation.amountPositive",
            });
        }),
      );
      const names = splitNames(form.sellerAttendees);
      if (names.length > MAX_MINUTES_ATTENDEES || names.some((n) => n.length > 200))
        ctx.addIssue({ code: "custom", path: ["sellerAttendees"], message: "validation.invalid" });
    });
}
export type MinutesForm = z.output<ReturnType<typeof minutesFormSchema>>;

function splitNames(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/** The domain's input from a form the schema accepted. */
export function minutesInputFromForm(form: MinutesForm, accountId: string, locale: string): RecordMinutesInput {
  return {
    accountId,
    meetingDate: form.meetingDate,
    channel: form.channel,
    place: form.place,
    customerAttendeeIds: [...new Set(form.customerAttendeeIds)],
    sellerAttendees: splitNames(form.sellerAttendees),
    topics: form.topics,
    agreements: form.agreements.map((a) => ({
      text: a.text,
      owner: a.owner,
      dueDate: a.dueDate,
      promiseItems: chosenDocumentAmounts(a.items, locale),
    })),
  };
}

/** The staff's other actions on minutes: send a draft, answer a correction. */
export const StaffMinutesActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send") }),
  z.object({ intent: z.literal("answer"), correctionId: IdSchema, message: Text(2000) }),
]);

/** An attendee signs: the same signature fields as a reconciliation (password or emailed code). */
export const SignMinutesFormSchema = SignatureFields.extend({ intent: z.literal("sign") }).superRefine(requireSecret);
export type SignMinutesForm = z.input<typeof SignMinutesFormSchema>;

export const CorrectionItemSchema = z.object({
  target: z.enum(CORRECTION_TARGETS),
  /** "T1", "A2"… for a topic or an agreement; empty for the whole. */
  targetId: z
    .string()
    .trim()
    .regex(/^[TA]\d{1,3}$/)
    .optional(),
  text: Text(2000),
});
export type CorrectionItem = z.output<typeof CorrectionItemSchema>;

/** Corrections proposed instead of signing: a text per topic or agreement (any left empty is not a correction). */
export const ProposeCorrectionsFormSchema = z
  .object({
    intent: z.literal("correct"),
    contentSha256: Sha256,
    corrections: z
      .array(
        z.object({
          target: z.enum(CORRECTION_TARGETS),
          targetId: z.string().max(8).optional(),
          text: OptionalText(2000),
        }),
      )
      .max(MAX_MINUTES_TOPICS + MAX_MINUTES_AGREEMENTS + 1)
      .default([]),
  })
  .refine((f) => f.corrections.some((c) => c.text.length > 0), {
    path: ["corrections"],
    message: "validation.correctionRequired",
  });

export const PortalMinutesFormSchema = z.discriminatedUnion("intent", [
  SignMinutesFormSchema,
  ProposeCorrectionsFormSchema,
]);
