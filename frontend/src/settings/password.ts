/** The server's password rules (models/validate.go checkPassword), mirrored for live checks. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX_BYTES = 72;

/** What the person must change, or null when the password is acceptable. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) {
    return `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters, fewer with accents or emoji).`;
  }
  if (password.trim() === '') return 'Use more than spaces.';
  return null;
}
