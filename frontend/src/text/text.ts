/**
 * What counts as blank at the ends of a text, and how long a text is: the
 * server's definition (models/text.go), checked on both sides against one
 * table, textCases.json.
 *
 * Blank is Unicode's White_Space plus the invisible characters that carry no
 * meaning at either end: U+FEFF, U+200B, U+2060 and U+180E.
 * note: String.prototype.trim() is not this: it keeps U+0085 and U+200B.
 */
const BLANK = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff\\u200b\\u2060\\u180e]';
const EDGES = new RegExp(`^${BLANK}+|${BLANK}+$`, 'gu');

/** Removes blank characters from both ends. */
export function trimText(s: string): string {
  return s.replace(EDGES, '');
}

/** The length rules count: code points, so "🔑" is one character, not two UTF-16 units. */
export function textLength(s: string): number {
  return [...s].length;
}
