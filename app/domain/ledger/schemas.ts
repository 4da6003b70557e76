// Input schemas of the ledger's write operations.
import { z } from "zod";
import {
  CURRENCIES,
  DOCUMENT_EFFECTS,
  DOCUMENT_KINDS,
  type DocumentKind,
  FILE_ROLES,
  PAYMENT_METHODS,
} from "~/domain/vocabulary";

export const MoneySchema = z.string().regex(/^-?\d{1,16}(\.\d{1,2})?$/, { message: "money" });
export const PositiveMoneySchema = MoneySchema.refine((v) => !v.startsWith("-") && /[1-9]/.test(v), {
  message: "money.positive",
});
/** "YYYY-MM-DD" that is a real day (not 2026-02-30 or 2026-13-01), which the database would refuse to cast. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value < "0001-01-01") return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
export const IsoDateSchema = z.string().refine(isCalendarDate, { message: "date" });
export const CurrencySchema = z.enum(CURRENCIES);
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type { DocumentKind };

const QuantitySchema = z.string().regex(/^\d{1,14}(\.\d{1,4})?$/);

export const InvoiceLineInputSchema = z.object({
  sku: z.string().min(1),
  description: z.string().min(1),
  unit: z.string().min(1),
  productCode: z.string().min(1),
  unitCode: z.string().min(1),
  quantity: QuantitySchema,
  unitPrice: QuantitySchema,
  taxRate: z.string().regex(/^0(\.\d{1,4})?$/),
});
export type InvoiceLineInput = z.infer<typeof InvoiceLineInputSchema>;

export const RemissionInputSchema = z.object({
  number: z.string().min(1),
  deliveryDate: IsoDateSchema,
  receivedBy: z.string().nullish(),
});

export const FileInputSchema = z.object({
  role: z.enum(FILE_ROLES),
  fileName: z.string().min(1),
  mediaType: z.string().min(1),
  content: z.instanceof(Uint8Array),
});

export const DocumentInputSchema = z
  .object({
    id: z.string().optional(),
    accountId: z.string().min(1),
    kind: DocumentKindSchema,
    /** Only for adjustments: whether it raises (charge) or lowers (credit) the balance. */
    effect: z.enum(DOCUMENT_EFFECTS).optional(),
    series: z.string().min(1),
    folio: z.string().min(1),
    fiscalId: z.string().nullish(),
    issueDate: IsoDateSchema,
    dueDate: IsoDateSchema.optional(),
    currency: CurrencySchema,
    /** Required unless lines are given, in which case it is their total. */
    amount: PositiveMoneySchema.optional(),
    paymentMethod: z.enum(PAYMENT_METHODS).nullish(),
    paymentForm: z.string().nullish(),
    purchaseOrder: z.string().nullish(),
    reference: z.string().nullish(),
    notes: z.string().nullish(),
    lines: z.array(InvoiceLineInputSchema).optional(),
    remissions: z.array(RemissionInputSchema).optional(),
    files: z.array(FileInputSchema).optional(),
  })
  .refine((d) => d.kind !== "adjustment" || d.effect !== undefined, { path: ["effect"], message: "required" })
  .refine((d) => d.amount !== undefined || (d.lines?.length ?? 0) > 0, { path: ["amount"], message: "required" })
  .refine((d) => !d.dueDate || d.dueDate >= d.issueDate, { path: ["dueDate"], message: "date.beforeIssue" });
export type DocumentInput = z.input<typeof DocumentInputSchema>;

export const ApplicationInputSchema = z.object({
  sourceId: z.string().min(1),
  targetId: z.string().min(1),
  amount: PositiveMoneySchema,
  appliedOn: IsoDateSchema,
});
export type ApplicationInput = z.infer<typeof ApplicationInputSchema>;

export function effectOf(kind: DocumentKind, adjustmentEffect?: "charge" | "credit"): "charge" | "credit" {
  if (kind === "invoice" || kind === "debit_note") return "charge";
  if (kind === "credit_note" || kind === "payment") return "credit";
  return adjustmentEffect ?? "charge";
}
