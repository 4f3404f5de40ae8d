import { describe, expect, it } from 'vitest';
import { validateKeyName } from './validation';

describe('validateKeyName mirrors the server rules', () => {
  it.each([
    ['2 characters', 'ab', /at least 3/],
    ['3 characters', 'abc', null],
    ['50 characters', 'a'.repeat(50), null],
    ['51 characters', 'a'.repeat(51), /at most 50/],
    ['empty', '', /Enter a name/],
    ['whitespace only', '    \u00a0  ', /Enter a name/],
    ['3 characters inside spaces', '   abc   ', null],
    ['2 characters inside spaces', '  ab   ', /at least 3/],
    ['a tab inside', 'ci\tkey', /control characters/],
    ['a line break inside', 'ci\nkey', /control characters/],
  ])('%s', (_label, input, expected) => {
    const result = validateKeyName(input);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });

  it('counts code points, not UTF-16 units', () => {
    // Each emoji is 2 UTF-16 units but one code point.
    expect('🔑🔑'.length).toBe(4);
    expect(validateKeyName('🔑🔑')).toMatch(/at least 3 characters \(now 2\)/);
    expect(validateKeyName('🔑🔑🔑')).toBeNull();
    expect(validateKeyName('🔑'.repeat(50))).toBeNull();
    expect(validateKeyName('🔑'.repeat(51))).toMatch(/at most 50 characters \(now 51\)/);
    expect(validateKeyName('日本語')).toBeNull();
    expect(validateKeyName('Schlüssel für CI')).toBeNull();
  });
});
