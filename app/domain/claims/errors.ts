/** A claim rule was broken; `code` is a stable key for UI copy. */
export class ClaimRuleError extends Error {
  constructor(
    public readonly code:
      | "claim.not_found"
      | "claim.stale"
      | "claim.not_allowed"
      | "claim.wrong_status"
      | "claim.top_level"
      | "claim.reopen_window_closed"
      | "claim.reason_required"
      | "claim.accepted_amount_invalid"
      | "claim.assignee_invalid"
      | "claim.settlement_invalid"
      | "claim.settlement_above_open"
      | "claim.settlement_leaves_nothing"
      | "document.not_found"
      | "document.wrong_kind"
      | "document.amount_above_open"
      | "document.duplicate"
      | "line.not_found"
      | "line.amount_above_total"
      | "claim.documents_required"
      | "claim.account_required",
    message?: string,
    /** The disputed line or document the rule is about, so a form can show it on that row. */
    public readonly subject?: { documentId?: string; lineId?: string },
  ) {
    super(message ?? code);
    this.name = "ClaimRuleError";
  }
}
