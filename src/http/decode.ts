/**
 * Text with every escape a service may put on a character undone — percent-encoding (each UTF-8
 * byte, either hex case), JSON (`\/`, `\"`, `\\`, `\u002f`) and HTML (`&#47;`, `&#x2F;`, `&sol;`) —
 * and, for each decoded character, the span of the original it came from. The redactor looks for a
 * secret in this text with plain string search, so one pass over the text serves every secret and
 * every encoding, however they mix.
 */
export interface Decoded {
  readonly text: string;
  /** The span of the original that `text.slice(from, to)` was decoded from. */
  origin(from: number, to: number): [number, number];
}

/** HTML named entities a server may use for the punctuation of a secret. */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&sol;': '/',
  '&equals;': '=',
  '&plus;': '+',
  '&colon;': ':',
  '&lowbar;': '_',
};
const JSON_ESCAPED = new Set(['/', '"', '\\']);
/** Characters that start an escape: text without any of them decodes to itself. */
const ESCAPE_START = /[%\\&]/;

interface Step {
  chars: string;
  length: number;
}

const hexByte = (text: string, at: number): number | undefined =>
  text[at] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(at + 1, at + 3))
    ? parseInt(text.slice(at + 1, at + 3), 16)
    : undefined;

/** Bytes a UTF-8 sequence starting with `lead` has after it; undefined for no lead byte. */
function continuationCount(lead: number): number | undefined {
  if (lead < 0x80) return 0;
  if (lead >= 0xc2 && lead <= 0xdf) return 1;
  if (lead >= 0xe0 && lead <= 0xef) return 2;
  if (lead >= 0xf0 && lead <= 0xf4) return 3;
  return undefined;
}

function percent(text: string, at: number): Step | undefined {
  const lead = hexByte(text, at);
  const more = lead === undefined ? undefined : continuationCount(lead);
  if (lead === undefined || more === undefined) return undefined;
  const bytes = [lead];
  for (let k = 1; k <= more; k += 1) {
    const next = hexByte(text, at + 3 * k);
    if (next === undefined || next < 0x80 || next > 0xbf) return undefined;
    bytes.push(next);
  }
  const chars = Buffer.from(bytes).toString('utf8');
  return chars.includes('\uFFFD') ? undefined : { chars, length: 3 * bytes.length };
}

function jsonEscape(text: string, at: number): Step | undefined {
  const next = text[at + 1];
  if (next !== undefined && JSON_ESCAPED.has(next)) return { chars: next, length: 2 };
  const hex = text.slice(at + 2, at + 6);
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
    return { chars: String.fromCharCode(parseInt(hex, 16)), length: 6 };
  }
  return undefined;
}

function htmlEntity(text: string, at: number): Step | undefined {
  const entity = /^&(?:#0*(\d{1,7})|#[xX]0*([0-9a-fA-F]{1,6})|[a-z]{2,6});/.exec(
    text.slice(at, at + 16),
  );
  if (!entity) return undefined;
  const [whole, decimal, hex] = entity;
  const code = decimal ? parseInt(decimal, 10) : hex ? parseInt(hex, 16) : undefined;
  if (code === undefined) {
    const named = ENTITIES[whole];
    return named === undefined ? undefined : { chars: named, length: whole.length };
  }
  return code <= 0x10ffff ? { chars: String.fromCodePoint(code), length: whole.length } : undefined;
}

/** The escapes each dialect undoes, by the character that starts them. */
const DIALECTS = {
  none: {},
  percent: { '%': percent },
  json: { '\\': jsonEscape },
  html: { '&': htmlEntity },
  all: { '%': percent, '\\': jsonEscape, '&': htmlEntity },
} satisfies Record<string, Record<string, (text: string, at: number) => Step | undefined>>;
export type Dialect = keyof typeof DIALECTS;

/**
 * Every dialect the redactor reads a text in. `none` finds a secret that itself holds `%41`; `all` undoes escapes however they mix, but reads
 * the same characters differently from a single dialect (`\\` is one backslash in JSON, two in
 * an HTML page), so each dialect is read on its own as well.
 */
export const ALL_DIALECTS = Object.keys(DIALECTS) as Dialect[];

function stepAt(text: string, at: number, dialect: Dialect): Step {
  const c = text[at] ?? '';
  const escapes: Record<string, (text: string, at: number) => Step | undefined> = DIALECTS[dialect];
  const step = Object.hasOwn(escapes, c) ? escapes[c]?.(text, at) : undefined;
  return step ?? { chars: c, length: 1 };
}

/** Whether `decode` could change the text at all: most answers hold no escape. */
export const hasEscapes = (text: string): boolean => ESCAPE_START.test(text);

export function decode(text: string, dialect: Dialect): Decoded {
  if (dialect === 'none' || !hasEscapes(text)) return { text, origin: (from, to) => [from, to] };
  const out: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (let at = 0; at < text.length;) {
    const step = stepAt(text, at, dialect);
    for (let k = 0; k < step.chars.length; k += 1) {
      start.push(at);
      end.push(at + step.length);
    }
    out.push(step.chars);
    at += step.length;
  }
  return {
    text: out.join(''),
    origin: (from, to) => [start[from] ?? text.length, end[to - 1] ?? text.length],
  };
}
