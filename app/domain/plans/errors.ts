/** A payment plan rule was broken; `code` is a stable key for UI copy (planErrors.*). */
export class PlanRuleError extends Error {
  constructor(
    public readonly code:
      | "plan.not_found"
      | "plan.not_waiting"
      | "plan.stale_revision"
      | "plan.document_not_overdue"
      | "plan.currency_mixed"
      | "plan.already_promised"
      | "plan.already_planned"
      | "plan.instalment_count"
      | "plan.date_out_of_range"
      | "plan.dates_not_ascending"
      | "plan.amount_not_positive"
      | "plan.above_open"
      | "plan.not_allowed"
      | "plan.own_acceptance",
    public readonly documentId?: string,
  ) {
    super(code);
    this.name = "PlanRuleError";
  }
}
