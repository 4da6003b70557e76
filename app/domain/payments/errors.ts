/** A payment rule was broken; `code` is a stable key for UI copy (cardPayments.errors.*). */
export class PaymentRuleError extends Error {
  constructor(
    public readonly code:
      "document.not_payable" | "amount.above_open" | "currency.mixed" | "checkout.unavailable" | "attempt.not_found",
    public readonly documentId?: string,
  ) {
    super(code);
    this.name = "PaymentRuleError";
  }
}
