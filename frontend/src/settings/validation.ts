/**
 * The server's input rules, mirrored for live checks: one place for every
 * limit the SPA's forms show or enforce. The server stays the judge; these
 * only say what to fix before a round trip.
 */
import { textLength, trimText } from '../text/text';

/** models/validate.go checkPassword. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX_BYTES = 72;

/** models/apikey.go: a key's name, counted in code points after trimming. */
export const KEY_NAME_MIN = 3;
export const KEY_NAME_MAX = 50;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** What the person must change, or null when the password is acceptable. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) {
    return `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters, fewer with accents or emoji).`;
  }
  if (password.trim() === '') return 'Use more than spaces.';
  return null;
}

/** Returns what the person must change, or null when the key name is acceptable. */
export function validateKeyName(raw: string): string | null {
  const name = trimText(raw);
  // note: code points, as the server counts, so "🔑" is one character.
  const length = textLength(name);
  if (length === 0) return 'Enter a name, e.g. the app or pipeline that will use the key.';
  if (CONTROL.test(name)) return 'Remove control characters such as tabs or line breaks.';
  if (length < KEY_NAME_MIN) return `Use at least ${KEY_NAME_MIN} characters (now ${length}).`;
  if (length > KEY_NAME_MAX) return `Use at most ${KEY_NAME_MAX} characters (now ${length}).`;
  return null;
}

/** A plausible email address (the server decides the rest), or the message to show. */
export function emailProblem(email: string): string | null {
  return EMAIL.test(email.trim()) ? null : 'Enter an email address like name@example.com.';
}

/** The message when a required text is blank, else null. */
export function requiredProblem(value: string, message: string): string | null {
  return value.trim() ? null : message;
}
