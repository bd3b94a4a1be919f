import type { AlertContent } from '../domain/alerts/content';
import { factsOf } from './text';

/** A node of the Atlassian Document Format, the rich text Jira's v3 API takes. */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: AdfNode[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

const text = (value: string): AdfNode => ({ type: 'text', text: value });
const strong = (value: string): AdfNode => ({
  type: 'text',
  text: value,
  marks: [{ type: 'strong' }],
});
const link = (label: string, href: string): AdfNode => ({
  type: 'text',
  text: label,
  marks: [{ type: 'link', attrs: { href } }],
});
const paragraph = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
/** A paragraph of plain text. */
export const paragraphOf = (value: string): AdfNode => paragraph(text(value));
const heading = (value: string): AdfNode => ({
  type: 'heading',
  attrs: { level: 3 },
  content: [text(value)],
});
const list = (type: 'bulletList' | 'orderedList', items: readonly string[]): AdfNode => ({
  type,
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })),
});

/** Severity, days left, expiry, last success: the facts every other channel shows too. */
function facts(c: AlertContent): AdfNode {
  const items = factsOf(c).map((f) => ({
    type: 'listItem',
    content: [paragraph(strong(`${f.title}: `), text(f.value))],
  }));
  return { type: 'bulletList', content: items };
}

function renewal(c: AlertContent): AdfNode[] {
  if (!c.renewal) return [];
  const links = c.renewal.links.flatMap((l, i) => [
    ...(i > 0 ? [text(' · ')] : []),
    link(l.label, l.url),
  ]);
  return [
    heading(c.renewal.title),
    list('orderedList', c.renewal.steps),
    ...(links.length > 0 ? [paragraph(...links)] : []),
  ];
}

/**
 * The alert as a Jira description or comment. A comment starts with the title because it has no
 * summary line of its own; an issue's description leaves it to the issue summary.
 */
export function adfOf(c: AlertContent, withTitle: boolean): AdfDoc {
  const content: AdfNode[] = [
    ...(withTitle ? [paragraph(strong(c.title))] : []),
    paragraph(text(c.summary)),
    facts(c),
    ...(c.since ? [paragraph(text(c.since))] : []),
    ...(c.evidence.length > 0 ? [heading('Evidence'), list('bulletList', c.evidence)] : []),
    paragraph(strong('What to do: '), text(c.action)),
    ...renewal(c),
    paragraph(link('Open Token Health', c.adminUrl)),
  ];
  return { type: 'doc', version: 1, content };
}
