import type { Mail } from './mail.service';

/** How long the mailed tokens live. */
export const VERIFY_EMAIL_HOURS = 48;
export const RESET_PASSWORD_MINUTES = 60;

/** Every mail the identity sends, in one place: the texts and the routes they point to. */
export const verificationMail = (to: string, token: string, publicUrl: string): Mail => ({
  to,
  subject: 'Confirm your Ocean account',
  body:
    `Welcome to Ocean.\n\nVerification token (valid ${VERIFY_EMAIL_HOURS} hours): ${token}\n` +
    `POST ${publicUrl}/v1/auth/verify-email with {"token"}.`,
});

export const passwordResetMail = (to: string, token: string, publicUrl: string): Mail => ({
  to,
  subject: 'Reset your Ocean password',
  body:
    `Someone asked to reset the password of your Ocean account.\n\n` +
    `Reset token (valid ${RESET_PASSWORD_MINUTES} minutes, single use): ${token}\n` +
    `POST ${publicUrl}/v1/auth/reset-password with {"token", "new_password"}.\n\n` +
    `If it was not you, ignore this mail.`,
});
