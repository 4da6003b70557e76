/** A ledger rule was broken; `code` is a stable key for UI copy. */
export class LedgerRuleError extends Error {
  constructor(
    public readonly code:
      | "document.not_found"
      | "document.cancelled"
      | "document.not_cancellable"
      | "document.changed"
      | "document.currency_mismatch"
      | "document.amount_mismatch"
      | "application.wrong_direction"
      | "application.other_account"
      | "application.currency_mismatch"
      | "application.exceeds_open_amount"
      | "application.exceeds_unapplied_amount"
      | "application.before_issue"
      | "application.not_found"
      | "application.already_reversed"
      | "application.is_reversal",
    message?: string,
  ) {
    super(message ?? code);
    this.name = "LedgerRuleError";
  }
}
