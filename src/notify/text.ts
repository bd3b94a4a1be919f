import type { AlertContent } from '../domain/alerts/content';

/** Cuts text to a service's field limit, marking the cut so a reader knows there was more. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line: a line break in a name must not start a new paragraph, list or quote. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
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
    c.since ? { title: 'Since', value: c.since } : null,
  ];
  return facts.filter((f): f is Fact => f !== null);
}

/** The renewal steps, numbered, as one block of plain text. */
export function stepsText(steps: readonly string[]): string {
  return steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}
