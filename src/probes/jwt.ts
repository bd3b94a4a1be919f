/**
 * Reads a JWT's `exp` claim without verifying the signature: we only want to know when the token
 * dies, and the service — not us — decides whether it is genuine.
 */
export type JwtExpiry = { ok: true; expiresAt: Date | null } | { ok: false; error: string };

export function readJwtExpiry(token: string): JwtExpiry {
  const parts = token.split('.');
  if (parts.length === 5) {
    return { ok: false, error: 'the secret is an encrypted JWT (JWE): its exp cannot be read' };
  }
  if (parts.length !== 3 || !parts[1]) {
    return { ok: false, error: 'the secret is not a JWT (expected three dot-separated parts)' };
  }
  const payload = decodePayload(parts[1]);
  if (payload === null) {
    return { ok: false, error: 'the JWT payload is not base64url-encoded JSON' };
  }
  const exp = payload['exp'];
  if (exp === undefined) return { ok: true, expiresAt: null };
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return { ok: false, error: 'the JWT exp claim is not a number of seconds' };
  }
  // NumericDate is seconds since the epoch (RFC 7519 §2), fractions allowed.
  return { ok: true, expiresAt: new Date(exp * 1000) };
}

function decodePayload(segment: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
