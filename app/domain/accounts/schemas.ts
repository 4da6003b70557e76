import { z } from "zod";
import { CurrencySchema, MoneySchema } from "~/domain/ledger/schemas";
import { COUNTRIES, SEGMENTS, TIME_ZONES } from "~/domain/vocabulary";

export const SellerInputSchema = z.object({
  code: z.string().min(1),
  legalName: z.string().min(1),
  country: z.enum(COUNTRIES),
  taxId: z.string().min(1),
  taxRegime: z.string().min(1),
  postalCode: z.string().min(1),
  currency: CurrencySchema,
  timeZone: z.enum(TIME_ZONES),
});
export type SellerInput = z.infer<typeof SellerInputSchema>;

export const CustomerAccountInputSchema = z.object({
  sellerId: z.string().min(1),
  zoneId: z.string().min(1),
  groupId: z.string().nullish(),
  number: z.string().min(1),
  legalName: z.string().min(1),
  taxId: z.string().min(1),
  taxRegime: z.string().min(1),
  postalCode: z.string().min(1),
  segment: z.enum(SEGMENTS),
  currency: CurrencySchema,
  creditLimit: MoneySchema,
  paymentTermDays: z.number().int().min(0).max(365),
  collectorId: z.string().nullish(),
});
export type CustomerAccountInput = z.infer<typeof CustomerAccountInputSchema>;
