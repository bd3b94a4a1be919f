import { text } from './plain-input';
import type { Limit } from './limits';

/**
 * Characters a name must not hold, because they change how the text around it reads: control
 * characters (C0 with NUL, line breaks and ESC, which starts terminal escape sequences; DEL; C1
 * with CSI), the Unicode line and paragraph separators, and the bidirectional marks, embeddings,
 * overrides and isolates that let a name reorder what is printed after it.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

export const UNSAFE_NAME =
  "can't contain line breaks, control characters or text-direction marks: type it on one line without them";

/**
 * A name an admin gives an integration or a channel: trimmed (a pasted one often ends in a line
 * break), not empty, within the limit, and one plain line. The CLI reads the same schema.
 */
export function nameText(limit: Limit, required = `${limit.label}: must not be empty`) {
  return text(limit, { trim: true, required })
    .min(1, required)
    .refine((name) => !UNSAFE.test(name), `${limit.label} ${UNSAFE_NAME}`);
}

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A name as the audit log quotes it: between “ and ”, with `\`, “ and ” escaped and anything
 * unsafe (in a name stored before names were checked) spelled as \uXXXX, so nothing in a name can
 * close the quote and read as the log's own words ("host changed", "secret replaced").
 */
export function quoteName(name: string): string {
  const escaped = name.replace(/[\\“”]/g, (c) => `\\${c}`).replace(UNSAFE_ALL, escapeChar);
  return `“${escaped}”`;
}
