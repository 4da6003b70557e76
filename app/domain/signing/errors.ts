// A signing rule refused the request; `code` names it (its words are in app/i18n under signing.errors).
export type SigningRuleCode =
  | "envelope.not_found"
  | "envelope.not_signable"
  | "envelope.not_sendable"
  | "envelope.no_signers"
  | "envelope.content_changed"
  | "envelope.already_signed"
  | "cutoff.future"
  | "signer.not_allowed"
  | "signer.wrong_password"
  | "signer.wrong_code"
  | "signer.code_expired"
  | "signer.code_attempts"
  | "signer.name_mismatch"
  | "difference.document_not_found"
  | "difference.document_required"
  | "difference.currency"
  | "minutes.meeting_future"
  | "minutes.attendee_not_signer"
  | "minutes.promise_document"
  | "minutes.promise_amount"
  | "minutes.promise_currency"
  | "minutes.promise_date"
  | "minutes.promise_twice"
  | "minutes.not_revisable"
  | "minutes.not_correctable"
  | "correction.target"
  | "correction.not_pending";

export class SigningRuleError extends Error {
  constructor(
    readonly code: SigningRuleCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "SigningRuleError";
  }
}
