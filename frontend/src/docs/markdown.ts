import DOMPurify from 'dompurify';
import { Marked, Renderer, type Tokens } from 'marked';

/** GitHub's heading anchors: "Scopes and roles" → "scopes-and-roles", so #limits links keep working. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const escapeHTML = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Markdown → HTML that cannot run scripts. Raw HTML in the source is shown
 * as text, and the result still goes through DOMPurify: the file is ours, but
 * a later edit or a bad merge should never turn into script on an admin's page.
 */
export function renderMarkdown(source: string): string {
  const seen = new Map<string, number>();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(this: Renderer, { tokens, depth, text }: Tokens.Heading) {
        const base = slugify(text) || 'section';
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHTML(text);
      },
      // note: a block that scrolls sideways must be focusable, or keyboard
      // users cannot scroll it (axe: scrollable-region-focusable).
      code({ text, lang }: Tokens.Code) {
        const cls = lang ? ` class="language-${escapeHTML(lang.split(/\s/)[0])}"` : '';
        return `<pre tabindex="0"><code${cls}>${escapeHTML(text)}</code></pre>\n`;
      },
      table(this: Renderer, token: Tokens.Table) {
        return `<div class="kw-table" tabindex="0">${Renderer.prototype.table.call(this, token)}</div>\n`;
      },
    },
  });
  const html = marked.parse(source, { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
