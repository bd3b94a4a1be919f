import { Redactor } from '../../src/http/redact';

/** Punctuation on purpose: every encoding below changes it. */
const SECRET = 'ghp_R3d/act+Me=&"<x>_0123456789';
/** The shortest piece that must never show: a random token keeps all but N characters hidden. */
const N = 8;

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** How a service may spell a piece it echoes: with a lead of 0–2 bytes for base64's alignment. */
const ENCODINGS: [string, (s: string) => string][] = [
  ['verbatim', (s) => s],
  ['URL-encoded', encodeURIComponent],
  [
    'JSON \\u escapes',
    (s) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  ],
  ['HTML hex entities', (s) => [...s].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')],
  ['base64', b64],
  ['base64 after one byte', (s) => b64(`a${s}`)],
  ['base64 after two bytes', (s) => b64(`ab${s}`)],
];

/** Undoes the escapes above, independently of the app's decoder, where they are whole. */
function undo(text: string): string {
  return text
    .replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#x([0-9a-f]+);/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/(%[0-9A-F]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
}

/** The secret's spellings that survive inside a longer text: itself, base64 at 3 alignments. */
const SPELLINGS = [0, 1, 2]
  .map((pad) => {
    const encoded = b64(`${'\0'.repeat(pad)}${SECRET}`);
    return encoded.slice(Math.ceil((pad * 8) / 6), Math.floor(((pad + SECRET.length) * 8) / 6));
  })
  .concat(SECRET);

/** Every N-character run of a spelling of the secret in the text, as is or unescaped. */
function runsIn(text: string): string[] {
  const readings = [text, undo(text)];
  return SPELLINGS.flatMap((spelling) =>
    Array.from({ length: spelling.length - N + 1 }, (_, at) => spelling.slice(at, at + N)),
  ).filter((run) => readings.some((r) => r.includes(run)));
}

/** Every piece of the secret of N characters or more: each offset, each length. */
const PIECES = Array.from({ length: SECRET.length }, (_, from) =>
  Array.from({ length: SECRET.length - from - N + 1 }, (_, k) => SECRET.slice(from, from + N + k)),
).flat();

describe('Redactor: a service echoing a piece of the secret', () => {
  const redactor = new Redactor([SECRET]);

  it.each(ENCODINGS)(
    'leaves no run of %s pieces of N characters, at any offset and length',
    (_name, encode) => {
      expect(PIECES.length).toBe(((SECRET.length - N + 1) * (SECRET.length - N + 2)) / 2);
      const leaks = PIECES.filter(
        (piece) => runsIn(redactor.text(`said: x${encode(piece)} (more)`)).length > 0,
      );
      expect(leaks).toEqual([]);
    },
  );

  it('leaves a shorter piece, as services show a token by its prefix and last characters', () => {
    const text = 'the token ghp_…6789 was revoked';
    expect(redactor.text(text)).toBe(text);
  });

  it('leaves the public armour of a PEM key it holds, which the app names in its own words', () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx9Zb3kQ\n-----END RSA PRIVATE KEY-----`;
    const text = 'paste the whole key, from -----BEGIN RSA PRIVATE KEY----- to its last line';
    expect(new Redactor([pem]).text(text)).toBe(text);
    expect(new Redactor([pem]).text('echo MIIEowIBAAKC')).toBe('echo [redacted]');
  });
});

describe('Redactor.quote: a remote value redacted before it is cut', () => {
  const redactor = new Redactor([SECRET]);
  const value = JSON.stringify(`expires ${'x'.repeat(25)} ${SECRET} later`);

  it('shows no run of the secret at any cut', () => {
    const leaks = Array.from({ length: value.length + 1 }, (_, max) => max + 1)
      .map((max) => redactor.quote(value, max))
      .filter((quoted) => runsIn(quoted).length > 0);
    expect(leaks).toEqual([]);
  });

  it('cuts to at most max characters, marking the cut', () => {
    const quoted = redactor.quote(value, 40);
    expect(quoted.length).toBe(40);
    expect(quoted.endsWith('…')).toBe(true);
    expect(redactor.quote('"2026-13-45"', 60)).toBe('"2026-13-45"');
  });
});
