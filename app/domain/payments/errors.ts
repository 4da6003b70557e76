/** A payment rule was broken; `code` is a stable key for UI copy (paymentErrors.*). */
export class PaymentRuleError extends Error {
  constructor(
    public readonly code:
      | "document.not_payable"
      | "amount.above_open"
      | "currency.mixed"
      | "checkout.unavailable"
      | "attempt.not_found"
      | "promise.date_out_of_range"
      | "promise.already_promised"
      | "promise.not_found"
      | "promise.not_pending",
    public readonly documentId?: string,
  ) {
    super(code);
    this.name = "PaymentRuleError";
  }
}
