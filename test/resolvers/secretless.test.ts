// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import type { IntegrationRecord } from '../../src/domain/schedule';
import { statusOf, sweep } from '../support/app';
import { certAround, OKTA_PATH, startSamlIdp, type SamlIdpDouble } from '../support/saml-idp';
import { answering, type TestServer } from '../support/server';

/**
 * A SAML identity provider's signing certificate is read from public metadata: the page sends no
 * secret, none is stored, and every check runs without one.
 */
describe('a kind without a secret, through the real resolvers and sweep', () => {
  let idp: SamlIdpDouble;
  let github: TestServer;
  let forge: LocalForge;
  beforeAll(async () => {
    [idp, github] = await Promise.all([startSamlIdp(), answering(200, { login: 'octo' })]);
    idp.appCerts = [{ base64: certAround('Okta acme', -100, 10, new Date()).base64 }];
    forge = await startAdminApp([idp, github]);
  });
  afterAll(async () => {
    await forge.stop();
    await Promise.all([idp.close(), github.close()]);
  });

  const saml = () => ({
    kind: 'saml-idp-certificate',
    name: 'Okta SSO',
    metadataUrl: `${idp.url}${OKTA_PATH}`,
  });
  const stored = (id: string) => forge.kvs.get(`integration:${id}`) as IntegrationRecord;

  it('tests, saves and checks without a secret, and stores none', async () => {
    const tested = await data(forge, 'testIntegration', { config: saml() });
    expect(tested.verdict).toBe('expiring');
    const created = await data(forge, 'createIntegration', { config: saml() });
    expect(forge.kvs.getSecret(`secret:${created.id}`)).toBeUndefined();
    expect(stored(created.id).secretFingerprint).toBe('none');
    const checked = await data(forge, 'checkNow', { id: created.id });
    expect(checked.verdict).toBe('expiring');
  });

  it('is checked by the scheduled sweep like any other', async () => {
    const created = await data(forge, 'createIntegration', { config: saml() });
    await sweep(forge);
    const status = await statusOf(forge, created.id);
    expect(status?.last?.verdict).toBe('expiring');
    expect(status?.last?.message).not.toContain('no secret is stored');
  });

  it('refuses a secret typed for it, and stores nothing', async () => {
    const answer = await call(forge, 'createIntegration', {
      config: saml(),
      secret: 'sekrit-0001',
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.fields?.secret).toContain('takes no secret');
  });

  it('names only its own missing fields, never a secret', async () => {
    const answer = await call(forge, 'createIntegration', {
      config: { kind: 'saml-idp-certificate' },
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.fields).toEqual({
      'config.metadataUrl': expect.stringMatching(/required/),
    });
  });

  it('still asks for the secret of a SCIM key', async () => {
    const config = { kind: 'scim-directory-key', baseUrl: idp.url, directoryId: 'dir-1' };
    const answer = await call(forge, 'createIntegration', { config });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.fields?.secret).toBe('enter the secret');
  });

  it('an integration turned into one without a secret forgets the old secret', async () => {
    const token = 'ghp_Vq8Zr2Kx9Vb4Tn8W0001secretless';
    const created = await data(forge, 'createIntegration', {
      config: { kind: 'github-token', name: 'Bot', baseUrl: github.url },
      secret: token,
    });
    expect(forge.kvs.getSecret(`secret:${created.id}`)).toBe(token);
    await data(forge, 'updateIntegration', { id: created.id, config: saml() });
    expect(forge.kvs.getSecret(`secret:${created.id}`)).toBeUndefined();
    expect(stored(created.id).secretFingerprint).toBe('none');
  });
});
