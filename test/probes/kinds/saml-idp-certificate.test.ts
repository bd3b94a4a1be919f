import { readSigningCertificates } from '../../../src/probes/kinds/saml-metadata';
import { oktaMetadata } from '../../../local/demo/saml-metadata';
import { check, daysFromNow } from '../../support/probe';
import {
  certAround,
  ENTRA_APP,
  ENTRA_PATH,
  OKTA_APP,
  OKTA_PATH,
  startSamlIdp,
  type SamlIdpDouble,
} from '../../support/saml-idp';

const day = (days: number) => daysFromNow(days).toISOString().slice(0, 10);

describe('saml-idp-certificate probe', () => {
  let idp: SamlIdpDouble;
  beforeAll(async () => {
    idp = await startSamlIdp();
  });
  afterAll(() => idp.close());
  beforeEach(() => {
    idp.answer = 'metadata';
    idp.requests.length = 0;
  });

  const okta = (extra: Record<string, unknown> = {}) => ({
    kind: 'saml-idp-certificate',
    metadataUrl: `${idp.url}${OKTA_PATH}`,
    ...extra,
  });
  const entra = (extra: Record<string, unknown> = {}) => ({
    kind: 'saml-idp-certificate',
    metadataUrl: `${idp.url}${ENTRA_PATH}?appid=${ENTRA_APP}`,
    ...extra,
  });

  it('is healthy with the only signing certificate far from its end, read without any secret', async () => {
    const cert = certAround('Okta acme', -100, 600);
    idp.appCerts = [{ base64: cert.base64 }];
    const result = await check(okta(), '');
    expect(result.verdict).toBe('healthy');
    expect(result.expiresAt).toBe(daysFromNow(600).toISOString());
    expect(result.expirySource).toBe('service');
    expect(result.identity?.id).toBe(cert.fingerprint);
    expect(result.message).toContain(`valid until ${day(600)}`);
    expect(idp.requests).toHaveLength(1);
    expect(idp.requests[0]?.method).toBe('GET');
    expect(idp.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('is expiring inside the warning days, with expiresAt the certificate’s notAfter', async () => {
    idp.appCerts = [{ base64: certAround('Okta acme', -1000, 10).base64 }];
    const result = await check(okta(), '');
    expect(result.verdict).toBe('expiring');
    expect(result.severity).toBe('warning');
    expect(result.expiresAt).toBe(daysFromNow(10).toISOString());
  });

  it('is expired once the certificate’s notAfter has passed', async () => {
    idp.appCerts = [{ base64: certAround('Okta acme', -1000, -2).base64 }];
    const result = await check(okta(), '');
    expect(result.verdict).toBe('expired');
    expect(result.severity).toBe('critical');
  });

  it('keeps Entra ID’s ?appid= query: the application’s certificate, not the tenant’s keys', async () => {
    const app = certAround('Microsoft Azure Federated SSO Certificate', -300, 400);
    idp.appCerts = [{ base64: app.base64 }];
    const result = await check(entra(), '');
    expect(idp.requests[0]?.path).toBe(`${ENTRA_PATH}?appid=${ENTRA_APP}`);
    expect(result.verdict).toBe('healthy');
    // The metadata's own signature certificate is no KeyDescriptor: it is not judged.
    expect(result.identity?.id).toBe(app.fingerprint);
    expect(result.facts.certificates).toBe('1');
  });

  it('without ?appid= on Entra ID a pinned application certificate matches nothing: critical', async () => {
    const app = certAround('Microsoft Azure Federated SSO Certificate', -300, 400);
    idp.appCerts = [{ base64: app.base64 }];
    const result = await check(
      {
        ...entra(),
        metadataUrl: `${idp.url}${ENTRA_PATH}`,
        certificateFingerprint: app.fingerprint,
      },
      '',
    );
    expect(result.verdict).toBe('identity-changed');
    expect(result.severity).toBe('critical');
    expect(result.message).toContain('no longer publishes the certificate Atlassian holds');
  });

  describe('several certificates, listed in no date order', () => {
    const old = certAround('old, inactive', -800, 20);
    const current = certAround('current', -200, 300);
    const next = certAround('next', -5, 1000);
    beforeEach(() => {
      idp.appCerts = [{ base64: next.base64 }, { base64: old.base64 }, { base64: current.base64 }];
    });

    it('without a fingerprint judges the one that ends soonest and asks for the fingerprint', async () => {
      const result = await check(okta(), '');
      expect(result.expiresAt).toBe(daysFromNow(20).toISOString());
      expect(result.verdict).toBe('expiring');
      expect(result.message).toContain('publishes 3 signing certificates');
      expect(result.message).toContain('enter the fingerprint');
    });

    it('with a fingerprint (colons and case ignored) judges that one', async () => {
      const typed = current.fingerprint.replace(/:/g, '').toLowerCase();
      const result = await check(okta({ certificateFingerprint: typed }), '');
      expect(result.identity?.id).toBe(current.fingerprint);
      expect(result.expiresAt).toBe(daysFromNow(300).toISOString());
      expect(result.message).not.toContain('enter the fingerprint');
    });

    it('says rollover ready when a newer certificate is published, even as it warns', async () => {
      const result = await check(okta({ certificateFingerprint: old.fingerprint }), '');
      expect(result.verdict).toBe('expiring');
      expect(result.message).toContain(
        `rollover ready: give Atlassian the newer certificate (${next.fingerprint.slice(0, 11)}…, valid until ${day(1000)}) before ${day(20)}`,
      );
      expect(result.facts.rollover).toContain('rollover ready');
    });

    it('a fingerprint that matches none is critical: the IdP no longer signs with it', async () => {
      const gone = certAround('gone', -900, 100);
      const result = await check(okta({ certificateFingerprint: gone.fingerprint }), '');
      expect(result.verdict).toBe('identity-changed');
      expect(result.severity).toBe('critical');
      expect(result.expiresAt).toBeNull();
    });
  });

  it('reads KeyDescriptors without use, and skips those for encryption only', async () => {
    const both = certAround('both uses', -10, 500);
    const encryption = certAround('encryption only', -10, 20);
    idp.appCerts = [
      { base64: encryption.base64, use: 'encryption' },
      { base64: both.base64, use: null },
    ];
    const result = await check(okta(), '');
    expect(result.identity?.id).toBe(both.fingerprint);
    expect(result.facts.certificates).toBe('1');
  });

  it('tolerates a byte-order mark, over HTTP and in the parser itself', async () => {
    const cert = certAround('Okta acme', -10, 500);
    idp.appCerts = [{ base64: cert.base64 }];
    idp.answer = 'bom';
    expect((await check(okta(), '')).verdict).toBe('healthy');
    const read = readSigningCertificates(`\uFEFF${oktaMetadata('acme', OKTA_APP, idp.appCerts)}`);
    expect(read).toMatchObject({ ok: true, certificates: [{ fingerprint: cert.fingerprint }] });
  });

  it.each([
    ['sign-in page', 'an HTML page'],
    ['json', 'JSON'],
    ['redirect', 'redirected'],
    ['doctype', 'declares a DTD'],
  ] as const)('answers unexpected-response to %s', async (answer, says) => {
    idp.appCerts = [{ base64: certAround('x', -1, 500).base64 }];
    idp.answer = answer;
    const result = await check(okta(), '');
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toContain(says);
  });

  it('answers unexpected-response to XML that is not SAML metadata, and to a 404', async () => {
    const notSaml = readSigningCertificates('<?xml version="1.0"?><rss><channel/></rss>');
    expect(notSaml).toEqual({ ok: false, why: expect.stringContaining('not SAML metadata') });
    const broken = readSigningCertificates('<md:EntityDescriptor xmlns:md="x"><unclosed>');
    expect(broken.ok).toBe(false);
    const result = await check(okta({ metadataUrl: `${idp.url}/app/other/sso/saml/metadata` }), '');
    expect(result.verdict).toBe('unexpected-response');
    expect(result.message).toContain('answered 404');
  });

  it('is unreachable on a 5xx and on a refused connection', async () => {
    idp.answer = '503';
    const outage = await check(okta(), '');
    expect(outage.verdict).toBe('unreachable');
    expect(outage.severity).toBe('unknown');
    const closed = await check(okta({ metadataUrl: 'http://127.0.0.1:9/metadata' }), '');
    expect(closed.verdict).toBe('unreachable');
  });
});
