/** A registered-payment rule was broken; `code` is a stable key for UI copy (registrations.errors.<code>). */
export class PaymentRegistrationError extends Error {
  constructor(
    public readonly code:
      | "registration.not_found"
      | "registration.stale"
      | "registration.wrong_status"
      | "registration.duplicate_undecided"
      | "registration.exchange_rate_required"
      | "account.not_found"
      | "allocation.invalid"
      | "allocation.exceeds_open"
      | "proof.type_not_allowed"
      | "application.not_found",
    message?: string,
  ) {
    super(message ?? code);
    this.name = "PaymentRegistrationError";
  }
}
