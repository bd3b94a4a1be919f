import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SecretParse } from '../probe';

/**
 * A GitHub App's private key, as the app's settings page downloads it: a PEM file holding an RSA
 * key ("BEGIN RSA PRIVATE KEY", PKCS#1; PKCS#8 "BEGIN PRIVATE KEY" works too). A password field
 * drops a pasted file's line breaks and an environment variable may carry `\n` escapes, so the
 * base64 body is re-wrapped before Node reads it.
 */
const PEM = /-----BEGIN ([A-Z0-9 ]{1,40})-----([\s\S]*?)-----END \1-----/;
const PRIVATE_LABELS = new Set(['RSA PRIVATE KEY', 'PRIVATE KEY']);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const PASTE_THE_FILE =
  'paste the whole .pem file the app’s settings page downloaded (Private keys → Generate a private key)';

const fail = (error: string): SecretParse<KeyObject> => ({ ok: false, error });

function labelProblem(label: string, body: string): string | null {
  if (/PUBLIC KEY|CERTIFICATE/.test(label)) {
    return `this is a public key or certificate ("${label}"), not the app’s private key: ${PASTE_THE_FILE}`;
  }
  if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(body)) {
    return `the private key is locked with a passphrase, which GitHub's keys never are: ${PASTE_THE_FILE}`;
  }
  if (!PRIVATE_LABELS.has(label)) {
    return `a GitHub App key is an RSA private key ("BEGIN RSA PRIVATE KEY"), not "${label}": ${PASTE_THE_FILE}`;
  }
  return null;
}

function readKey(pem: string): KeyObject | null {
  try {
    return createPrivateKey(pem);
  } catch {
    return null;
  }
}

/** The PEM, checked and normalised; every spelling of it is listed for redaction. */
export function parseAppKey(raw: string): SecretParse<KeyObject> {
  const text = raw.replace(/\\n/g, '\n').trim();
  if (!text) return fail(`the secret is empty: ${PASTE_THE_FILE}`);
  if (/^(ssh-rsa|ssh-ed25519|ecdsa-sha2)/.test(text)) {
    return fail(`this is an SSH public key, not the app’s private key: ${PASTE_THE_FILE}`);
  }
  const match = PEM.exec(text);
  if (!match) return fail(`the secret is not a PEM private key: ${PASTE_THE_FILE}`);
  const [, label = '', rawBody = ''] = match;
  const problem = labelProblem(label, rawBody);
  if (problem) return fail(problem);
  const body = rawBody.replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  const pem = `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
  const key = BASE64.test(body) ? readKey(pem) : null;
  if (!key) return fail(`the private key is damaged or cut short: ${PASTE_THE_FILE}`);
  if (key.asymmetricKeyType !== 'rsa') {
    return fail(
      `a GitHub App key is an RSA key, this one is ${key.asymmetricKeyType ?? 'another kind'}: ${PASTE_THE_FILE}`,
    );
  }
  return { ok: true, secret: key, sensitive: [raw.trim(), text, pem, body, ...lines] };
}

/**
 * GitHub's rules for the app's JWT (docs.github.com, "Generating a JSON Web Token (JWT) for a
 * GitHub App"): RS256, `iat` 60 s in the past against clock drift, `exp` no more than 10 minutes
 * ahead, `iss` the app's id. Eight minutes ahead leaves room for a clock that runs fast.
 */
export const JWT_BACKDATE_S = 60;
export const JWT_LIFETIME_S = 8 * 60;

export function signAppJwt(key: KeyObject, appId: string, now: Date): Promise<string> {
  const seconds = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(appId)
    .setIssuedAt(seconds - JWT_BACKDATE_S)
    .setExpirationTime(seconds + JWT_LIFETIME_S)
    .sign(key);
}
