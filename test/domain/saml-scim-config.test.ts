import { parseIntegrationConfig } from '../../src/domain/integration-input';
import { scimDirectoryOf, takesSecret } from '../../src/domain/kind-rules';

const FP =
  'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

describe('saml-idp-certificate config', () => {
  const saml = (extra: Record<string, unknown>) =>
    parseIntegrationConfig({ kind: 'saml-idp-certificate', ...extra });
  const entra =
    'https://login.microsoftonline.com/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml?appid=0b9d1c3e-5f7a-4c2b-9e8d-7a6b5c4d3e2f';

  it('keeps the metadata URL exactly as given, query and all, and takes no secret', () => {
    expect(saml({ metadataUrl: entra })).toEqual({
      ok: true,
      value: { kind: 'saml-idp-certificate', metadataUrl: entra },
    });
    expect(takesSecret('saml-idp-certificate')).toBe(false);
    expect(takesSecret('scim-directory-key')).toBe(true);
  });

  it('needs the metadata URL, https unless on this machine', () => {
    expect(saml({})).toEqual({
      ok: false,
      errors: { metadataUrl: expect.stringMatching(/required/) },
    });
    const plain = saml({ metadataUrl: 'http://idp.example/metadata' });
    expect(plain.ok).toBe(false);
    expect(saml({ metadataUrl: 'http://127.0.0.1:8080/metadata' }).ok).toBe(true);
  });

  it.each([FP, FP.replace(/:/g, ''), FP.toLowerCase()])('takes the fingerprint %s', (fp) => {
    expect(saml({ metadataUrl: entra, certificateFingerprint: fp }).ok).toBe(true);
  });

  it.each([FP.slice(3), `${FP.replace(/:/g, '')}00`, FP.replace('AB', 'XY'), 'SHA1:AB'])(
    'refuses the fingerprint %s in plain words',
    (fp) => {
      const parsed = saml({ metadataUrl: entra, certificateFingerprint: fp });
      expect(parsed).toEqual({
        ok: false,
        errors: {
          certificateFingerprint: expect.stringMatching(/SHA-256 fingerprint: 64 hexadecimal/),
        },
      });
    },
  );
});

describe('scim-directory-key config', () => {
  const scim = (extra: Record<string, unknown>) =>
    parseIntegrationConfig({ kind: 'scim-directory-key', ...extra });
  const pasted = 'https://api.atlassian.com/scim/directory/8f2c1a9e-4b3d-4e5f-a6b7-c8d9e0f1a2b3';

  it('reads the directory id from the SCIM base URL as Atlassian shows it', () => {
    expect(scimDirectoryOf(pasted)).toBe('8f2c1a9e-4b3d-4e5f-a6b7-c8d9e0f1a2b3');
    expect(scimDirectoryOf(`${pasted}/`)).toBe('8f2c1a9e-4b3d-4e5f-a6b7-c8d9e0f1a2b3');
    expect(scimDirectoryOf('https://api.atlassian.com')).toBeNull();
    expect(scim({ baseUrl: pasted }).ok).toBe(true);
    expect(scim({ directoryId: 'dir-1' }).ok).toBe(true);
  });

  it('needs a directory id unless the base URL holds one, and refuses two different ones', () => {
    expect(scim({ baseUrl: 'https://api.atlassian.com' })).toEqual({
      ok: false,
      errors: { directoryId: expect.stringMatching(/directory id is required/) },
    });
    expect(scim({ baseUrl: pasted, directoryId: 'other' })).toEqual({
      ok: false,
      errors: { directoryId: expect.stringMatching(/names directory 8f2c1a9e/) },
    });
    expect(scim({ directoryId: 'a/b' }).ok).toBe(false);
  });
});
