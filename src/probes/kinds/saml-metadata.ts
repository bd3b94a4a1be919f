import { X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';

/**
 * Reads the signing certificates out of SAML 2.0 metadata (OASIS saml-metadata-2.0-os §2.4.1.1):
 * `<md:KeyDescriptor>` whose `use` is "signing", or absent, which means both signing and
 * encryption. Microsoft Entra ID's federation metadata lists the same certificate under its
 * WS-Federation RoleDescriptor and its IDPSSODescriptor (learn.microsoft.com/entra/
 * identity-platform/federation-metadata): certificates are kept once each, by fingerprint.
 */
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const ROOTS = new Set(['EntityDescriptor', 'EntitiesDescriptor']);
/** Identity providers list a few (current, next, old); more than this is not metadata we judge. */
const MAX_CERTIFICATES = 50;

export interface SigningCertificate {
  /** SHA-256 over the DER, as `openssl x509 -fingerprint -sha256` prints it: AB:CD:… */
  fingerprint: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

export type MetadataRead =
  { ok: true; certificates: SigningCertificate[]; unreadable: number } | { ok: false; why: string };

/** Colons and case ignored, so a fingerprint matches however an identity provider prints it. */
export function bareFingerprint(value: string): string {
  return value.replace(/:/g, '').toUpperCase();
}

/**
 * A DTD is where entity expansion ("billion laughs") and external entities (XXE) live, and SAML
 * metadata never has one: a document that declares one is refused before it is parsed.
 */
function refusal(text: string): string | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return 'it declares a DTD, which SAML metadata never does';
  return null;
}

function parse(text: string): Element | null {
  try {
    const doc = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') throw new Error('not well-formed XML');
      },
    }).parseFromString(text, 'text/xml');
    return doc.documentElement;
  } catch {
    return null;
  }
}

function isSigning(descriptor: Element): boolean {
  const use = descriptor.getAttribute('use');
  return use === null || use === '' || use === 'signing';
}

function toCertificate(base64: string): SigningCertificate | null {
  try {
    const cert = new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
    return {
      fingerprint: cert.fingerprint256,
      subject: cert.subject.replace(/\n/g, ', '),
      notBefore: new Date(cert.validFrom),
      notAfter: new Date(cert.validTo),
    };
  } catch {
    return null;
  }
}

function certificateTexts(root: Element): string[] {
  const texts: string[] = [];
  for (const descriptor of Array.from(root.getElementsByTagNameNS(MD, 'KeyDescriptor'))) {
    if (!isSigning(descriptor)) continue;
    for (const cert of Array.from(descriptor.getElementsByTagNameNS(DS, 'X509Certificate'))) {
      texts.push(cert.textContent ?? '');
    }
  }
  return texts;
}

/** The metadata's signing certificates, or why the text is not SAML metadata. */
export function readSigningCertificates(raw: string): MetadataRead {
  // A byte-order mark before the XML declaration makes a strict parser refuse the document.
  const text = raw.replace(/^\uFEFF/, '');
  const refused = refusal(text);
  if (refused) return { ok: false, why: refused };
  const root = parse(text);
  if (!root || root.namespaceURI !== MD || !ROOTS.has(root.localName ?? '')) {
    return { ok: false, why: 'it is not SAML metadata (no md:EntityDescriptor)' };
  }
  const texts = certificateTexts(root);
  if (texts.length > MAX_CERTIFICATES) {
    return {
      ok: false,
      why: `it lists ${texts.length} signing certificates, more than one identity provider publishes`,
    };
  }
  const byPrint = new Map<string, SigningCertificate>();
  let unreadable = 0;
  for (const t of texts) {
    const cert = toCertificate(t);
    if (cert) byPrint.set(cert.fingerprint, cert);
    else unreadable += 1;
  }
  return { ok: true, certificates: [...byPrint.values()], unreadable };
}
