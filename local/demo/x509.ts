import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * Self-signed X.509 certificates with any validity period, built in DER (RFC 5280 §4.1) and
 * signed with ECDSA P-256: the demo's and the tests' identity providers date their signing
 * certificates from the injected clock, which `openssl req -days` (always from now) cannot.
 */

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function positiveInteger(bytes: Buffer): Buffer {
  const negative = ((bytes[0] ?? 0) & 0x80) !== 0;
  return tlv(0x02, negative ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const year = date.getUTCFullYear();
  return year < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

const commonName = (cn: string) =>
  seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

let shared: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
/** One key pair serves every certificate: only dates, subject and serial tell them apart. */
function keyPair() {
  shared ??= generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return shared;
}

export interface CertificateSpec {
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

export interface MadeCertificate {
  /** Base64 DER, as SAML metadata carries it in ds:X509Certificate. */
  base64: string;
  /** SHA-256 of the DER, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint: string;
}

export function makeCertificate(spec: CertificateSpec): MadeCertificate {
  const { privateKey, publicKey } = keyPair();
  const name = commonName(spec.subject);
  const serial = createHash('sha256')
    .update(`${spec.subject}|${spec.notBefore.toISOString()}|${spec.notAfter.toISOString()}`)
    .digest()
    .subarray(0, 16);
  const tbs = seq(
    tlv(0xa0, positiveInteger(Buffer.from([2]))),
    positiveInteger(serial),
    ECDSA_SHA256,
    name,
    seq(time(spec.notBefore), time(spec.notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return { base64: der.toString('base64'), fingerprint: hex.replace(/..(?!$)/g, '$&:') };
}
