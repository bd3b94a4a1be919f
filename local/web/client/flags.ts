/// <reference lib="dom" />
/**
 * Jira draws an app's showFlag() in the page's lower-left corner and dismisses an auto-dismiss flag
 * after a few seconds; this page does the same with plain elements, outside the app's ForgeDoc.
 */
const AUTO_DISMISS_MS = 8_000;

interface FlagData {
  id?: string | number;
  title?: string;
  description?: string;
  type?: string;
  isAutoDismiss?: boolean;
}

function container(): HTMLElement {
  const found = document.getElementById('forge-local-flags');
  if (found) return found;
  const created = document.createElement('div');
  created.id = 'forge-local-flags';
  created.setAttribute('aria-live', 'polite');
  document.body.appendChild(created);
  return created;
}

export function showLocalFlag(data: unknown): void {
  const flag = (data ?? {}) as FlagData;
  const element = document.createElement('div');
  element.className = `forge-local-flag forge-local-flag-${flag.type ?? 'info'}`;
  element.setAttribute('role', 'status');
  const title = document.createElement('strong');
  title.textContent = flag.title ?? '';
  element.appendChild(title);
  if (flag.description) {
    const text = document.createElement('p');
    text.textContent = flag.description;
    element.appendChild(text);
  }
  container().appendChild(element);
  if (flag.isAutoDismiss) setTimeout(() => element.remove(), AUTO_DISMISS_MS);
}
