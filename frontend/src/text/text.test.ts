import { describe, expect, it } from 'vitest';
import table from './textCases.json';
import { textLength, trimText } from './text';
import { validateKeyName } from '../settings/validation';

// The same table models/text_test.go checks against the server.
const verdicts: Record<string, RegExp | null> = {
  ok: null,
  required: /Enter a name/,
  short: /at least 3/,
  long: /at most 50/,
  control: /control characters/,
};

describe('text rules shared with the server', () => {
  it.each(table.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(trimText(c.input)).toBe(c.trimmed);
    expect(textLength(trimText(c.input))).toBe(c.length);
    const want = verdicts[c.keyName];
    const got = validateKeyName(c.input);
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatch(want);
  });

  it('differs from String.prototype.trim where the server does', () => {
    expect('\u0085abc'.trim()).not.toBe('abc');
    expect(trimText('\u0085abc')).toBe('abc');
    expect('\u200b'.trim()).toBe('\u200b');
    expect(trimText('\u200b')).toBe('');
  });
});
