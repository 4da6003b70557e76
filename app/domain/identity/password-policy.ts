/** Minimum length of a new password (NIST 800-63B favours length over composition rules). */
export const MIN_PASSWORD_LENGTH = 10;
