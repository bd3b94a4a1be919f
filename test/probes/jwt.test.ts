import { readJwtExpiry } from '../../src/probes/jwt';

function jwt(payload: unknown, header: unknown = { alg: 'RS256', typ: 'JWT' }): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part(header)}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('readJwtExpiry', () => {
  it('reads exp as seconds since the epoch without checking the signature', () => {
    const result = readJwtExpiry(jwt({ sub: 'svc-bot', exp: 1_800_000_000 }));
    expect(result).toEqual({ ok: true, expiresAt: new Date(1_800_000_000_000) });
  });

  it('accepts a fractional exp and an unsigned token (empty signature part)', () => {
    const unsigned = jwt({ exp: 1_800_000_000.5 }, { alg: 'none' }).replace(/[^.]+$/, '');
    expect(readJwtExpiry(unsigned)).toEqual({ ok: true, expiresAt: new Date(1_800_000_000_500) });
  });

  it('returns a null expiry when the token has no exp claim', () => {
    expect(readJwtExpiry(jwt({ sub: 'svc-bot' }))).toEqual({ ok: true, expiresAt: null });
  });

  it('refuses a secret that is not a JWT at all', () => {
    expect(readJwtExpiry('ghp_plainOpaqueToken123')).toEqual({
      ok: false,
      error: expect.stringMatching(/not a JWT/),
    });
  });

  it('refuses a payload that is not base64url JSON, or JSON that is not an object', () => {
    expect(readJwtExpiry('eyJhbGciOiJIUzI1NiJ9.not*base64.sig')).toMatchObject({ ok: false });
    expect(
      readJwtExpiry(`eyJhbGciOiJIUzI1NiJ9.${Buffer.from('{oops').toString('base64url')}.s`),
    ).toMatchObject({ ok: false });
    expect(readJwtExpiry(jwt([1, 2, 3]))).toMatchObject({ ok: false });
  });

  it('refuses an exp that is not a number', () => {
    expect(readJwtExpiry(jwt({ exp: '2026-12-31' }))).toEqual({
      ok: false,
      error: expect.stringMatching(/exp/),
    });
  });

  it('refuses an encrypted JWE, whose payload cannot be read', () => {
    expect(readJwtExpiry('eyJhbGciOiJSU0EtT0FFUCJ9.a2V5.aXY.Y2lwaGVy.dGFn')).toEqual({
      ok: false,
      error: expect.stringMatching(/JWE/),
    });
  });
});
