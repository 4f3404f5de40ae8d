import { textLength, trimText } from '../../text/text';

/** The server's rules for a key name, mirrored for live validation. */
export const KEY_NAME_MIN = 3;
export const KEY_NAME_MAX = 50;

// note: lengths count Unicode code points, as the server does, so "🔑" is
// one character, not two UTF-16 units.
export const codePointLength = textLength;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Returns what the person must change, or null when the name is acceptable. */
export function validateKeyName(raw: string): string | null {
  const name = trimText(raw);
  const length = codePointLength(name);
  if (length === 0) return 'Enter a name, e.g. the app or pipeline that will use the key.';
  if (CONTROL.test(name)) return 'Remove control characters such as tabs or line breaks.';
  if (length < KEY_NAME_MIN) return `Use at least ${KEY_NAME_MIN} characters (now ${length}).`;
  if (length > KEY_NAME_MAX) return `Use at most ${KEY_NAME_MAX} characters (now ${length}).`;
  return null;
}

export const EXPIRY_CHOICES = [7, 30, 60, 90, 180, 365] as const;
export const DEFAULT_EXPIRY_DAYS = 30;
