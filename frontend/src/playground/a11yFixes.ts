/**
 * note: GraphiQL renders each editor tab as <li role="tab"> wrapping a
 * <button>, which nests one control in another (axe: nested-interactive) and
 * hides the button's role from screen readers. This moves the tab role onto
 * the button and keeps it there when GraphiQL re-renders.
 */
function fixTabs(root: HTMLElement) {
  root.querySelectorAll<HTMLLIElement>('.graphiql-tabs > li[role="tab"]').forEach((li) => {
    const button = li.querySelector<HTMLButtonElement>('button.graphiql-tab-button');
    if (!button) return;
    const selected = li.getAttribute('aria-selected') ?? 'false';
    li.setAttribute('role', 'presentation');
    li.removeAttribute('aria-selected');
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-selected', selected);
  });
}

/** The id of the visible hint that says how to leave an editor with the keyboard. */
export const EDITOR_HINT_ID = 'kw-editor-hint';

function setAttr(el: Element, name: string, value: string) {
  // note: only on change, or the MutationObserver below would wake itself forever.
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * note: every Monaco editor's text area is called "Editor content", so a
 * screen reader cannot tell the query from the headers. This names each
 * editor and its text area after what it holds, and ties the keyboard hint to it.
 */
function nameEditors(root: HTMLElement) {
  const named: [Element | null, string][] = [[root.querySelector('.graphiql-query-editor .graphiql-editor'), 'Query editor']];
  const tools = root.querySelectorAll('.graphiql-editor-tool .graphiql-editor');
  // GraphiQL renders the variables editor first, then the headers editor.
  named.push([tools[0] ?? null, 'Variables editor'], [tools[1] ?? null, 'Headers editor']);
  for (const [editor, name] of named) {
    if (!editor) continue;
    setAttr(editor, 'role', 'group');
    setAttr(editor, 'aria-label', name);
    setAttr(editor, 'aria-describedby', EDITOR_HINT_ID);
    const textarea = editor.querySelector('textarea');
    if (textarea) {
      setAttr(textarea, 'aria-label', name);
      setAttr(textarea, 'aria-describedby', EDITOR_HINT_ID);
    }
  }
  const response = root.querySelector('.graphiql-response textarea');
  if (response) setAttr(response, 'aria-label', 'Response');
}

/**
 * note: Monaco keeps Tab for indenting, so a keyboard user is trapped in an
 * editor (only Ctrl+M, which nothing mentions, lets Tab move focus). Escape
 * now steps out to the editor's frame, from where Tab moves on and Enter goes
 * back in; Escape still closes an open suggestion list first.
 */
function onEscapeLeaveEditor(event: KeyboardEvent) {
  if (event.key !== 'Escape') return;
  const target = event.target as HTMLElement | null;
  if (!target || target.tagName !== 'TEXTAREA') return;
  const frame = target.closest<HTMLElement>('.graphiql-editor[tabindex="0"], .result-window[tabindex="0"]');
  if (!frame) return;
  const widgetOpen = frame.querySelector('.suggest-widget.visible, .parameter-hints-widget.visible, .find-widget.visible');
  if (widgetOpen) return;
  event.preventDefault();
  event.stopPropagation();
  frame.focus();
}

/** Applies the accessibility fixes above and keeps them applied as GraphiQL re-renders. */
export function fixGraphiQLAccessibility(root: HTMLElement): () => void {
  const fix = () => {
    fixTabs(root);
    nameEditors(root);
  };
  const observer = new MutationObserver(fix);
  observer.observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['role', 'aria-selected', 'aria-label'],
  });
  root.addEventListener('keydown', onEscapeLeaveEditor, true);
  fix();
  return () => {
    observer.disconnect();
    root.removeEventListener('keydown', onEscapeLeaveEditor, true);
  };
}
