import { describe, expect, it } from 'vitest';
import { renderMarkdown, slugify } from './markdown';

describe('renderMarkdown', () => {
  it('gives headings GitHub-style ids, unique on the page', () => {
    const html = renderMarkdown('# Keyward API reference\n\n## Scopes and roles\n\n## Limits\n\n## Limits\n');
    expect(html).toContain('<h1 id="keyward-api-reference">Keyward API reference</h1>');
    expect(html).toContain('<h2 id="scopes-and-roles">');
    expect(html).toContain('<h2 id="limits">');
    expect(html).toContain('<h2 id="limits-1">');
    expect(slugify('`whoami` and Errors!')).toBe('whoami-and-errors');
  });

  it('renders code blocks, escaped, and GFM tables', () => {
    const html = renderMarkdown('```sh\ncurl -d \'{"a":"<b>"}\'\n```\n\n| A | B |\n|---|---|\n| 1 | 2 |\n');
    expect(html).toContain('<pre tabindex="0"><code class="language-sh">curl -d \'{"a":"&lt;b&gt;"}\'');
    expect(html).toMatch(/<div class="kw-table" tabindex="0"><table>/);
    expect(html).toContain('<td>2</td>');
  });

  it('never lets raw HTML or script links through', () => {
    const html = renderMarkdown(
      'Hi <img src=x onerror="alert(1)"> there\n\n<script>alert(2)</script>\n\n[click](javascript:alert(3)) <b onclick="x()">b</b>\n',
    );
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelector('script, img, b, [onerror], [onclick]')).toBeNull();
    expect(doc.querySelector('a[href^="javascript"]')).toBeNull();
    expect(doc.body.textContent).toContain('<script>alert(2)</script>');
  });
});
