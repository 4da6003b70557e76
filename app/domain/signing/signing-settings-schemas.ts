// What a seller's signing settings accept (the administrators' form and updateSigningSettings): a
// reminder every 1 to 90 days and an expiry after 1 to 180 days (the table's checks), the reminder
// interval shorter than the expiry, or no reminder would ever go out. Pure: the page validates with it too.
import { z } from "zod";
import { IdSchema } from "~/utils/input";

export const MAX_REMINDER_EVERY_DAYS = 90;
export const MAX_EXPIRE_AFTER_DAYS = 180;

const Days = (max: number, message: "validation.reminderDays" | "validation.expiryDays") =>
  z.number({ message }).int(message).min(1, message).max(max, message);

const Fields = {
  sellerId: IdSchema,
  reminderEveryDays: Days(MAX_REMINDER_EVERY_DAYS, "validation.reminderDays"),
  expireAfterDays: Days(MAX_EXPIRE_AFTER_DAYS, "validation.expiryDays"),
};
const reminderBeforeExpiry: [
  (v: { reminderEveryDays: number; expireAfterDays: number }) => boolean,
  { message: string; path: string[] },
] = [
  (v) => v.reminderEveryDays < v.expireAfterDays,
  { message: "validation.reminderBeforeExpiry", path: ["reminderEveryDays"] },
];

export const SigningSettingsInputSchema = z.object(Fields).refine(...reminderBeforeExpiry);
export type SigningSettingsInput = z.input<typeof SigningSettingsInputSchema>;

/** The page's form: one per seller. */
export const SigningSettingsFormSchema = z
  .object({ intent: z.literal("save"), ...Fields })
  .refine(...reminderBeforeExpiry);
