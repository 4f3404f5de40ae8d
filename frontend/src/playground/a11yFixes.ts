/**
 * note: GraphiQL renders each editor tab as <li role="tab"> wrapping a
 * <button>, which nests one control in another (axe: nested-interactive) and
 * hides the button's role from screen readers. This moves the tab role onto
 * the button and keeps it there when GraphiQL re-renders.
 */
export function fixGraphiQLTabs(root: HTMLElement): () => void {
  const fix = () => {
    root.querySelectorAll<HTMLLIElement>('.graphiql-tabs > li[role="tab"]').forEach((li) => {
      const button = li.querySelector<HTMLButtonElement>('button.graphiql-tab-button');
      if (!button) return;
      const selected = li.getAttribute('aria-selected') ?? 'false';
      li.setAttribute('role', 'presentation');
      li.removeAttribute('aria-selected');
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-selected', selected);
    });
  };
  const observer = new MutationObserver(fix);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-selected'] });
  fix();
  return () => observer.disconnect();
}
