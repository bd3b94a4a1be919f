import type { AlertContent } from '../domain/alerts/content';
import { timeText } from '../domain/alerts/plain-text';

/** Cuts text to a service's field limit, marking the cut so a reader knows there was more. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line: a line break in a name must not start a new paragraph, list or quote. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The title on one line, cut to `max` characters by shortening the name in it first: what
 * follows the name (the expiry date, the verdict) is what the reader needs. Cut at the end only
 * when the name alone cannot make room.
 */
export function shortTitle(c: Pick<AlertContent, 'title' | 'name'>, max: number): string {
  const title = oneLine(c.title);
  if (title.length <= max) return title;
  const name = c.name ? oneLine(c.name) : '';
  const at = name ? title.indexOf(name) : -1;
  const keep = name.length - (title.length - max);
  if (at < 0 || keep < 2) return clip(title, max);
  return `${title.slice(0, at)}${clip(name, keep)}${title.slice(at + name.length)}`;
}

export interface Fact {
  title: string;
  value: string;
}

/** The short facts every card shows beside the summary; absent ones are left out, not "n/a". */
export function factsOf(c: AlertContent): Fact[] {
  const facts: (Fact | null)[] = [
    { title: 'Severity', value: c.severity },
    c.daysLeft !== null ? { title: 'Days left', value: String(c.daysLeft) } : null,
    c.expiresAt ? { title: 'Expires', value: c.expiresAt.slice(0, 10) } : null,
    c.lastSuccessAt ? { title: 'Last success', value: timeText(c.lastSuccessAt) } : null,
    c.since ? { title: 'Since', value: c.since } : null,
  ];
  return facts.filter((f): f is Fact => f !== null);
}

/** The renewal steps, numbered, as one block of plain text. */
export function stepsText(steps: readonly string[]): string {
  return steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}
