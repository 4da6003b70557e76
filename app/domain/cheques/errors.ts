/** A cheque rule was broken; `code` is a stable key for UI copy (cheques.errors.<code>). */
export class ChequeError extends Error {
  constructor(
    public readonly code:
      | "cheque.not_found"
      | "cheque.stale"
      | "cheque.wrong_status"
      | "cheque.before_deposit_date"
      | "cheque.ledger_refused"
      | "pickup.not_found"
      | "pickup.wrong_status"
      | "account.not_found",
    message?: string,
  ) {
    super(message ?? code);
    this.name = "ChequeError";
  }
}
