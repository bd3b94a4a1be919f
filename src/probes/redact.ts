import { FormMatcher } from './form-matcher';

const REDACTED = '[redacted]';
const SENSITIVE_KEY =
  /token|secret|password|passwd|authorization|cookie|api[-_]?key|^code$|assertion/i;
/**
 * Keys that match SENSITIVE_KEY but name no credential: GitHub's SAML SSO link
 * (`/orgs/{org}/sso?authorization_request=…`) names a one-hour request that only the token's owner,
 * signed in through the organisation's identity provider, can complete — the admin needs it whole.
 */
const NOT_A_CREDENTIAL = /^authorization_request$/i;
const isSensitiveKey = (key: string): boolean =>
  SENSITIVE_KEY.test(key) && !NOT_A_CREDENTIAL.test(key);
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const JSON_SENSITIVE_VALUE = /("([\w-]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;
/** `key=value` in a query or form body (`client_secret=…&refresh_token=…`), HTML-escaped `&amp;` too. */
const FORM_SENSITIVE_VALUE = /(\b([\w.-]+)=)([^&\s"'<>]+)/g;
/** Below this length a secret is masked only as a whole token (see `add`). */
const SHORT = 6;
/** From this length a form is matched by FormMatcher: one expression for it would not compile. */
const LONG = 256;
/** HTML named entities a server may use for the punctuation of a secret. */
const ENTITIES: Record<string, string[]> = {
  '&': ['&amp;'],
  '<': ['&lt;'],
  '>': ['&gt;'],
  '"': ['&quot;'],
  "'": ['&apos;'],
  '/': ['&sol;'],
  '=': ['&equals;'],
  '+': ['&plus;'],
  ':': ['&colon;'],
  _: ['&lowbar;'],
};

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Hex digits matching either case: `%2F` and `%2f` are the same byte. */
function hexPattern(hex: string): string {
  return [...hex]
    .map((d) => (/[a-f]/i.test(d) ? `[${d.toLowerCase()}${d.toUpperCase()}]` : d))
    .join('');
}

/**
 * Every way one character of a secret travels in text: as is, percent-encoded (each UTF-8 byte),
 * JSON-escaped (`\/`, `\u002f`), HTML-escaped (`&#47;`, `&#x2F;`, `&sol;`) and `+` for a space.
 */
function charForms(c: string): string[] {
  const code = c.codePointAt(0) ?? 0;
  const hex = code.toString(16).padStart(2, '0');
  const bytes = [...Buffer.from(c, 'utf8')].map(
    (b) => `%${hexPattern(b.toString(16).padStart(2, '0'))}`,
  );
  const forms = [
    escapeRegex(c),
    bytes.join(''),
    `\\\\u${hexPattern(code.toString(16).padStart(4, '0'))}`,
    `&#0*${code};`,
    `&#[xX]0*${hexPattern(hex)};`,
    ...(c === '/' ? ['\\\\/'] : []),
    ...(c === '"' || c === '\\' ? [`\\\\${escapeRegex(c)}`] : []),
    ...(c === ' ' ? ['\\+'] : []),
    ...(ENTITIES[c] ?? []).map(escapeRegex),
  ];
  return forms;
}

function encodedPattern(text: string): string {
  return [...text].map((c) => `(?:${charForms(c).join('|')})`).join('');
}

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

type Mask = (text: string) => string;

/** One secret's mask: all of its text and base64 forms, in any encoding. */
function secretMask(secret: string): Mask {
  const short = secret.length < SHORT;
  // A Basic password is sometimes URL-encoded before base64: both spellings are covered.
  const spellings = [...new Set([secret, ...urlSpelling(secret)])];
  const encoded = spellings.flatMap((s) => base64Forms(s, !short));
  const forms = [secret, ...encoded].sort((a, b) => b.length - a.length);
  if (secret.length >= LONG) {
    // Thousands of characters from a small alphabet: each one's encodings are worked out once.
    const known = new Map<string, string[]>();
    const formsOf = (c: string) => known.get(c) ?? known.set(c, charForms(c)).get(c) ?? [];
    const matchers = forms.map((f) => new FormMatcher([...f].map(formsOf)));
    return (text) => matchers.reduce((out, m) => m.replace(out, REDACTED), text);
  }
  const body = forms.map(encodedPattern).join('|');
  // A short secret inside a longer word is more likely ordinary text than the secret itself.
  const pattern = short
    ? new RegExp(`(?<![A-Za-z0-9])(?:${body})(?![A-Za-z0-9])`, 'g')
    : new RegExp(`(?:${body})`, 'g');
  return (text) => text.replace(pattern, REDACTED);
}

/**
 * Removes secrets from text we keep as evidence: every known secret in every encoding a service
 * may echo it in (percent, JSON, HTML, base64), any JWT, and the value of any JSON field or form
 * parameter whose name says it holds a credential (a token endpoint's answer or error).
 */
export class Redactor {
  private readonly masks = new Map<string, Mask>();

  constructor(secrets: readonly string[] = []) {
    secrets.forEach((s) => this.add(s));
  }

  /**
   * Every secret counts, however short: a short one (under 6 characters) is masked where it
   * stands as a whole token, since masking "abc" inside every word would shred the evidence.
   */
  add(secret: string | undefined): void {
    if (!secret || this.masks.has(secret)) return;
    this.masks.set(secret, secretMask(secret));
  }

  text(input: string): string {
    let out = input;
    for (const mask of this.masks.values()) out = mask(out);
    out = out.replace(JWT, REDACTED);
    out = out.replace(JSON_SENSITIVE_VALUE, (whole, prefix: string, key: string) =>
      isSensitiveKey(key) ? `${prefix}"${REDACTED}"` : whole,
    );
    return out.replace(FORM_SENSITIVE_VALUE, (whole, prefix: string, key: string) =>
      isSensitiveKey(key) ? `${prefix}${REDACTED}` : whole,
    );
  }

  url(input: string): string {
    try {
      const url = new URL(input);
      for (const key of [...url.searchParams.keys()]) {
        if (isSensitiveKey(key) || /^(key|sig|signature|auth)$/i.test(key)) {
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
