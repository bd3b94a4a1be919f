import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeResponse } from '../../http/client';
import { rateLimited } from '../interpret';
import { PROMPT_REVOCATION_MS, type Probe, type ProbeOutcome, type SecretParse } from '../probe';
import { bareFingerprint, readSigningCertificates, type SigningCertificate } from './saml-metadata';

const SERVICE = 'The identity provider';
/** What metadata endpoints serve: application/samlmetadata+xml (RFC 7580 §3), or plain XML. */
const ACCEPT = 'application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8';

const day = (d: Date) => d.toISOString().slice(0, 10);
const short = (fingerprint: string) => `${fingerprint.slice(0, 11)}…`;

/** Nothing to keep secret: the metadata is public, and the probe sends no credential. */
function noSecret(): SecretParse<null> {
  return { ok: true, secret: null, sensitive: [] };
}

function statusFailure(res: ProbeResponse, now: Date): ProbeOutcome | null {
  if (res.status >= 500) {
    return {
      verdict: 'unreachable',
      message: `${SERVICE} answered ${res.status} (a server error) for its metadata: this says nothing about the certificate`,
    };
  }
  if (res.status === 429) return rateLimited(res, SERVICE, now);
  if (res.status >= 300 && res.status < 400) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} redirected the metadata URL (often to a sign-in page): give the URL that serves the XML itself`,
    };
  }
  if (res.status !== 200) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} for the metadata URL: check it (Microsoft Entra ID's ends in ?appid=<application id>, Okta's in /sso/saml/metadata)`,
    };
  }
  return null;
}

/** An HTML sign-in page or a JSON answer is not metadata, whatever it holds. */
function notMetadata(res: ProbeResponse): ProbeOutcome | null {
  const what = res.contentType.includes('html')
    ? 'an HTML page (a sign-in page?)'
    : res.contentType.includes('json')
      ? 'JSON'
      : null;
  if (what) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered with ${what} where SAML metadata was expected: check the metadata URL`,
    };
  }
  if (res.truncated) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} sent more than 1 MiB where SAML metadata was expected: check the metadata URL`,
    };
  }
  return null;
}

/** Without ?appid=, Entra ID serves the tenant's own keys, not the application's. */
function entraHint(url: string): string {
  const u = URL.canParse(url) ? new URL(url) : null;
  return u?.hostname === 'login.microsoftonline.com' && !u.searchParams.has('appid')
    ? "; Microsoft Entra ID serves the application's certificate only when the URL ends in ?appid=<application id>"
    : '';
}

interface Held {
  cert: SigningCertificate;
  /** Why this one, when the admin did not say which; empty when the admin said. */
  guess: string;
}

function pick(certs: SigningCertificate[], config: IntegrationConfig): Held | null {
  if (config.certificateFingerprint) {
    const wanted = bareFingerprint(config.certificateFingerprint);
    const cert = certs.find((c) => bareFingerprint(c.fingerprint) === wanted);
    return cert ? { cert, guess: '' } : null;
  }
  const [soonest] = [...certs].sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime());
  if (!soonest) return null;
  const guess =
    certs.length > 1
      ? `it publishes ${certs.length} signing certificates and this is the one that ends soonest: enter the fingerprint of the one Atlassian holds (Security › Identity providers › SAML details) to judge that one`
      : '';
  return { cert: soonest, guess };
}

function rollover(held: SigningCertificate, certs: SigningCertificate[]): string | null {
  const newer = certs
    .filter((c) => c.notAfter.getTime() > held.notAfter.getTime())
    .sort((a, b) => b.notAfter.getTime() - a.notAfter.getTime())[0];
  if (!newer) return null;
  return `rollover ready: give Atlassian the newer certificate (${short(newer.fingerprint)}, valid until ${day(newer.notAfter)}) before ${day(held.notAfter)}`;
}

function judge(certs: SigningCertificate[], config: IntegrationConfig, url: string): ProbeOutcome {
  const held = pick(certs, config);
  if (!held) {
    return {
      verdict: 'identity-changed',
      message: `${SERVICE} no longer publishes the certificate Atlassian holds (${short(bareFingerprint(config.certificateFingerprint ?? ''))}): it signs with another one (${certs.map((c) => short(c.fingerprint)).join(', ')}), so SSO logins fail until Atlassian gets the new certificate${entraHint(url)}`,
      facts: { certificates: String(certs.length) },
    };
  }
  const { cert } = held;
  const next = rollover(cert, certs);
  // Both survive the expiry policy's own words: they say what to do before the date.
  const note = [held.guess, next].filter(Boolean).join('; ');
  return {
    verdict: 'healthy',
    message: `${SERVICE}'s signing certificate ${short(cert.fingerprint)} is valid until ${day(cert.notAfter)}${note ? `; ${note}` : ''}`,
    identity: { id: cert.fingerprint, displayName: cert.subject },
    expiresAt: cert.notAfter,
    expirySource: 'service',
    ...(note ? { note } : {}),
    facts: {
      fingerprint: cert.fingerprint,
      subject: cert.subject,
      certificates: String(certs.length),
      ...(next ? { rollover: next } : {}),
    },
  };
}

/**
 * Fetches the metadata URL exactly as typed. Entra ID publishes the tenant's metadata at
 * `login.microsoftonline.com/{tenant}/federationmetadata/2007-06/federationmetadata.xml`
 * (learn.microsoft.com/entra/identity-platform/federation-metadata) and one application's with
 * `?appid={application id}` (Microsoft's MSIdentityTools, Get-MsIdSamlFederationMetadata -AppId):
 * the query must survive. Okta's is `https://{org}.okta.com/app/{appId}/sso/saml/metadata`, and
 * Okta keeps inactive certificates listed (help.okta.com, "Manage signing certificates").
 * One request, no credential.
 */
export async function checkMetadata(
  config: IntegrationConfig,
  send: (url: string) => Promise<ProbeResponse>,
  now: Date,
): Promise<ProbeOutcome> {
  const url = config.metadataUrl ?? '';
  const res = await send(url);
  const failure = statusFailure(res, now) ?? notMetadata(res);
  if (failure) return failure;
  const read = readSigningCertificates(res.text);
  if (!read.ok) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered 200 but ${read.why}: check the metadata URL`,
    };
  }
  if (read.certificates.length === 0) {
    const unreadable = read.unreadable > 0 ? ` (${read.unreadable} could not be read)` : '';
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE}'s metadata publishes no readable signing certificate${unreadable}`,
    };
  }
  return judge(read.certificates, config, url);
}

export const samlIdpCertificateProbe: Probe<null> = {
  label: CREDENTIAL_KIND_LABEL['saml-idp-certificate'],
  service: () => 'the identity provider',
  // Nothing to revoke: the metadata is public. A certificate ends on its notAfter.
  revocationLagMs: PROMPT_REVOCATION_MS,
  endsOnItsDate: true,
  defaultBaseUrl: null,
  // The metadata document, nothing else.
  maxRequests: 1,
  parseSecret: noSecret,
  check: ({ config, http, now }) =>
    checkMetadata(
      config,
      (url) => http.send({ method: 'GET', url, headers: { Accept: ACCEPT } }),
      now,
    ),
};
