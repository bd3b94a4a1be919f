import { createHash } from 'node:crypto';
import { TEXT_LIMITS } from '../../src/domain/limits';
import { clipWords, Redactor } from '../../src/http/redact';

const SECRET = 'Zq9/x+Tk:w=&"<7>';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');
const html = (s: string) => [...s].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');

/** Each way a service may echo a secret back: the forms of issue #12 §4. */
function encodings(secret: string): [string, string][] {
  return [
    ['verbatim', secret],
    ['URL-encoded', encodeURIComponent(secret)],
    [
      'URL-encoded, lower-case hex',
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    ['form-encoded', new URLSearchParams({ x: secret }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
    ['JSON-escaped with \\/', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')],
    [
      'JSON \\u escapes',
      [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    ],
    ['HTML hex entities', html(secret)],
    [
      'HTML named entities',
      secret
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;'),
    ],
    ['base64', b64(secret)],
    ['base64 without padding', b64(secret).replace(/=+$/, '')],
    ['base64url', b64url(secret)],
    ['Basic user:secret', b64(`ci-bot@acme.com:${secret}`)],
    ['Basic with a one-byte user', b64(`a:${secret}`)],
    ['Basic with a two-byte user', b64(`ab:${secret}`)],
    ['base64 of the URL-encoded secret', b64(encodeURIComponent(secret))],
  ];
}

describe('Redactor: every encoding of a secret', () => {
  const redactor = new Redactor([SECRET]);

  it.each(encodings(SECRET))('masks the %s form', (_form, encoded) => {
    const out = redactor.text(`before ${encoded} after`);
    expect(out).toContain('[redacted]');
    for (const [, form] of encodings(SECRET)) expect(out).not.toContain(form);
    expect(out.startsWith('before ')).toBe(true);
    expect(out.endsWith(' after')).toBe(true);
  });

  it('masks credential parameters of a form body whatever their value', () => {
    const echo = 'invalid_client: client_secret=unknown%2Fvalue&refresh_token=rt-9&amp;code=x1';
    expect(new Redactor().text(echo)).toBe(
      'invalid_client: client_secret=[redacted]&refresh_token=[redacted]&amp;code=[redacted]',
    );
  });
});

describe('Redactor: escapes that mix or look like escapes', () => {
  it('masks a secret whose characters are escaped in different ways in one text', () => {
    const secret = 'Ab/c+d:e"f';
    const mixed = 'Ab\\/c%2Bd&#58;e\\"f';
    expect(new Redactor([secret]).text(`x ${mixed} y`)).toBe('x [redacted] y');
  });

  it('masks a secret that itself holds a percent escape, written as is', () => {
    const secret = 'pw%41-%zz-value';
    expect(new Redactor([secret]).text(`got ${secret}!`)).toBe('got [redacted]!');
  });

  it('masks a space sent as + in a form body, but reads %2B as a plus', () => {
    const redactor = new Redactor(['open sesame+1']);
    expect(redactor.text('p=open+sesame%2B1&q=2')).toBe('p=[redacted]&q=2');
    expect(redactor.text('p=open+sesame+1')).toBe('p=[redacted]');
  });

  it('masks a character outside the BMP sent as a JSON surrogate pair', () => {
    const secret = 'key-\u{1F511}-value';
    expect(new Redactor([secret]).text('"key-\\ud83d\\udd11-value"')).toBe('"[redacted]"');
  });

  it('leaves a backslash that escapes nothing, and unknown entities, as they were', () => {
    const text = 'C:\\temp &unknown; %zz 100%';
    expect(new Redactor(['not-in-the-text']).text(text)).toBe(text);
  });
});

describe("Redactor: GitHub's SAML SSO link", () => {
  it('keeps authorization_request (it names a request, not a credential) but still masks the secret in it', () => {
    const link = 'https://github.com/orgs/acme/sso?authorization_request=AZSCKtL4U8yX1H3sC';
    const redactor = new Redactor(['ghp_secretValue123']);
    expect(redactor.text(`open ${link}`)).toBe(`open ${link}`);
    expect(redactor.url(link)).toBe(link);
    expect(redactor.text(`${link}&token=ghp_secretValue123`)).not.toContain('ghp_secretValue123');
  });
});

describe('Redactor: short secrets are not exempt', () => {
  const redactor = new Redactor(['k9!']);

  it('masks a short secret standing as a whole token, in its encoded forms too', () => {
    expect(redactor.text('key k9! and k9%21 and "k9\\u0021"')).toBe(
      'key [redacted] and [redacted] and "[redacted]"',
    );
  });

  it('leaves words that merely contain the short secret', () => {
    expect(redactor.text('pk9! k9!x')).toBe('pk9! k9!x');
  });
});

describe('clipWords', () => {
  it('never cuts a word (so never half a secret) in two', () => {
    expect(clipWords('bad refresh_token=abcdefghij here', 20)).toBe('bad…');
    expect(clipWords('short', 20)).toBe('short');
  });
});

/** A secret of n characters from letters, digits and the punctuation that encodes most ways. */
function longSecret(n: number): string {
  const alphabet = [...'abcXYZ0189/+=:{}"\\&<>_-.~!é'];
  const bytes = Buffer.concat(
    Array.from({ length: Math.ceil(n / 32) }, (_, i) =>
      createHash('sha256').update(`${i}`).digest(),
    ),
  );
  return Array.from({ length: n }, (_, i) => alphabet[bytes[i]! % alphabet.length]).join('');
}

describe('Redactor: a secret as long as the input allows', () => {
  const secret = longSecret(TEXT_LIMITS.secret.max);
  const redactor = new Redactor([secret]);

  it.each(encodings(secret))('masks the %s form', (_form, encoded) => {
    const out = redactor.text(`before ${encoded} after`);
    expect(out).toContain('[redacted]');
    for (const [, form] of encodings(secret)) expect(out).not.toContain(form.slice(0, 64));
    expect(out.startsWith('before ')).toBe(true);
    expect(out.endsWith(' after')).toBe(true);
  });

  it('leaves text without the secret as it was', () => {
    const text = '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}';
    expect(redactor.text(text)).toBe(text);
  });
});
