import { isCredentialName as isSensitiveKey } from '../domain/credential-param';
import { ALL_DIALECTS, decode, hasEscapes, type Decoded } from './decode';
import { RUN, runsOf } from './runs';

const REDACTED = '[redacted]';
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const JSON_SENSITIVE_VALUE = /("([\w-]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
/** `key=value` in a query or form body (`client_secret=…&refresh_token=…`), HTML-escaped `&amp;` too. */
const FORM_SENSITIVE_VALUE = /(\b([\w.-]+)=)([^&\s"'<>]+)/g;
/** Below this length a secret is masked only as a whole token (see `add`). */
const SHORT = 6;

/**
 * The base64 (and base64url) characters that depend only on the secret, at each of the three
 * alignments it can have inside a longer encoded blob (Basic `user:secret`, a base64'd JSON).
 */
function base64Forms(secret: string, embedded: boolean): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>();
  for (const offset of embedded ? [0, 1, 2] : [0]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const stable = encoded.slice(start, end);
    forms.add(stable);
    forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((f) => f.length >= SHORT || !embedded);
}

/** The secret as a URL-encoded Basic password spells it; none for text no URL can hold. */
function urlSpelling(secret: string): string[] {
  try {
    return [encodeURIComponent(secret)];
  } catch {
    return []; // a lone surrogate: nothing could have URL-encoded it
  }
}

/** One secret's spellings before any escaping: itself and its base64 forms, longest first. */
interface SecretForms {
  forms: string[];
  /** A short secret inside a longer word is more likely ordinary text than the secret itself. */
  wholeTokenOnly: boolean;
}

/** The part of a secret whose pieces are masked: a PEM's armour lines are public words. */
const withoutArmour = (form: string): string => form.replace(/-----[A-Z0-9 ]+-----/g, ' ');

function formsOf(secret: string): SecretForms {
  const short = secret.length < SHORT;
  // A Basic password is sometimes URL-encoded before base64: both spellings are covered.
  const spellings = [...new Set([secret, ...urlSpelling(secret)])];
  const encoded = spellings.flatMap((s) => base64Forms(s, !short));
  const forms = [...new Set([secret, ...encoded])].sort((x, y) => y.length - x.length);
  return { forms, wholeTokenOnly: short };
}

type Span = [number, number];

/** A `+` written as is, where a form-encoded body spells a space (`%2B` is a plus). */
function literalPlus(input: string, decoded: Decoded, at: number): boolean {
  const [from, to] = decoded.origin(at, at + 1);
  return to - from === 1 && input[from] === '+';
}

/** Whether the reading holds `form` at `at`, comparing UTF-16 units as indexOf counts them. */
function formAt(input: string, decoded: Decoded, form: string, at: number): boolean {
  for (let k = 0; k < form.length; k += 1) {
    const c = form[k];
    const d = decoded.text[at + k];
    if (c !== d && !(c === ' ' && d === '+' && literalPlus(input, decoded, at + k))) return false;
  }
  return true;
}

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);

/** A short secret counts only as a whole token, not inside a longer word. */
const standsAlone = (input: string, [from, to]: Span): boolean =>
  !isAlnum(input[from - 1]) && !isAlnum(input[to]);

/**
 * Where a secret's forms stand in one reading of the text, as spans of the original. A form is
 * found by indexOf of its part before any space (a space may be spelled `+`), then compared.
 */
function spansOf(input: string, decoded: Decoded, secret: SecretForms): Span[] {
  const spans: Span[] = [];
  const text = decoded.text;
  for (const form of secret.forms) {
    const space = form.indexOf(' ');
    const anchor = space < 0 ? form : form.slice(0, space);
    const next = (from: number) => (anchor ? text.indexOf(anchor, from) : from);
    for (let at = next(0); at >= 0 && at + form.length <= text.length; at = next(at + 1)) {
      if (space < 0 || formAt(input, decoded, form, at)) {
        spans.push(decoded.origin(at, at + form.length));
      }
    }
  }
  return secret.wholeTokenOnly ? spans.filter((span) => standsAlone(input, span)) : spans;
}

/** Every RUN-long piece of a form without whitespace (a scheme word, a PEM line break). */
function addPieces(pieces: Set<string>, form: string): void {
  for (const word of form.split(/\s+/)) {
    for (let at = 0; at + RUN <= word.length; at += 1) pieces.add(word.slice(at, at + RUN));
  }
}

/** Replaces each span, overlapping ones merged, by `mask`. */
function maskSpans(input: string, spans: Span[], mask: string): string {
  let out = '';
  let done = 0;
  for (const [from, to] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (to <= done) continue;
    if (from >= done) out += input.slice(done, from) + mask;
    done = to;
  }
  return out + input.slice(done);
}

/**
 * Removes secrets from text we keep as evidence: every known secret in every encoding a service
 * may echo it in (percent, JSON, HTML, base64), any JWT, and the value of any JSON field or form
 * parameter whose name says it holds a credential (a token endpoint's answer or error).
 */
export class Redactor {
  private readonly secrets = new Map<string, SecretForms>();
  /** Every run of RUN characters of every form of every secret long enough to have one. */
  private readonly pieces = new Set<string>();

  constructor(secrets: readonly string[] = []) {
    secrets.forEach((s) => this.add(s));
  }

  /**
   * Every secret counts, however short: a short one (under 6 characters) is masked where it
   * stands as a whole token, since masking "abc" inside every word would shred the evidence.
   */
  add(secret: string | undefined): void {
    if (!secret || this.secrets.has(secret)) return;
    const forms = formsOf(secret);
    this.secrets.set(secret, forms);
    for (const form of forms.forms) addPieces(this.pieces, withoutArmour(form));
  }

  text(input: string): string {
    let out = this.maskSecrets(input);
    out = out.replace(JWT, REDACTED);
    out = out.replace(JSON_SENSITIVE_VALUE, (whole, prefix: string, key: string) =>
      isSensitiveKey(key) ? `${prefix}"${REDACTED}"` : whole,
    );
    return out.replace(FORM_SENSITIVE_VALUE, (whole, prefix: string, key: string) =>
      isSensitiveKey(key) ? `${prefix}${REDACTED}` : whole,
    );
  }

  /** A few readings of the text serve every secret: each is then found by plain string search. */
  private maskSecrets(input: string): string {
    if (this.secrets.size === 0) return input;
    const readings = hasEscapes(input)
      ? ALL_DIALECTS.map((dialect) => decode(input, dialect))
      : [decode(input, 'none')];
    const secrets = [...this.secrets.values()];
    const spans = readings.flatMap((decoded) => [
      ...secrets.flatMap((s) => spansOf(input, decoded, s)),
      // A piece of a secret (a service echoing its first half, a cut quote) is masked as well.
      ...runsOf(decoded.text, this.pieces).map(([from, to]) => decoded.origin(from, to)),
    ]);
    return maskSpans(input, spans, REDACTED);
  }

  /**
   * A remote value quoted in a message, redacted before it is cut to `max` characters: a secret
   * cut first would no longer match, and half of it would be shown.
   */
  quote(value: string, max: number): string {
    const clean = this.text(value);
    return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  }

  url(input: string): string {
    try {
      const url = new URL(input);
      for (const key of [...url.searchParams.keys()]) {
        if (isSensitiveKey(key)) {
          url.searchParams.set(key, 'x');
        }
      }
      return this.text(url.toString().replace(/=x(?=&|$)/g, `=${REDACTED}`));
    } catch {
      return this.text(input);
    }
  }
}

/**
 * Cuts text to at most `max` characters at a space, so no secret (which holds no space) is
 * ever cut in half: a half secret would no longer match the redactor.
 */
export function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${space > 0 ? cut.slice(0, space) : ''}…`;
}
