/**
 * One spelling per account: an email typed with a decomposed accent (NFD, as macOS input
 * methods produce) names the same account as its composed form (NFC).
 */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase().normalize('NFC');

/** A password is the same password whether its accents arrive composed or decomposed. */
export const normalizePassword = (password: string): string => password.normalize('NFC');
