// What a person's name may be: letters (any script, with accents), spaces and the punctuation names
// use (. , ' ’ -). Names reach other people (the invitation email and page show the inviter's), so
// they must never carry a link or an address: "://", "www.", "@", digits and anything shaped like a
// domain ("evil.example") are refused. "Ma. Elena O'Connor-Pérez" and "J.R. Ruiz" are names.
const NAME_CHARACTERS = /^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u;
const DOMAIN_LIKE = /[\p{L}\p{M}]{2,}\.[\p{L}\p{M}]{2,}/u;

export const PERSON_NAME_MAX_LENGTH = 120;

export function normalizePersonName(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ");
}

export function isValidPersonName(value: string): boolean {
  const name = normalizePersonName(value);
  if (name.length < 2 || name.length > PERSON_NAME_MAX_LENGTH) return false;
  if (!NAME_CHARACTERS.test(name)) return false;
  const lower = name.toLowerCase();
  return !lower.includes("www.") && !lower.includes("://") && !DOMAIN_LIKE.test(name);
}

/** A stored name fit to show to someone else, or null (names stored before validation may not be). */
export function displayablePersonName(value: string | null | undefined): string | null {
  if (!value) return null;
  return isValidPersonName(value) ? normalizePersonName(value) : null;
}
