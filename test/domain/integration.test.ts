import { parseIntegrationConfig } from '../../src/domain/integration';

describe('parseIntegrationConfig()', () => {
  it('accepts a complete Atlassian API token config', () => {
    const parsed = parseIntegrationConfig({
      kind: 'atlassian-api-token',
      name: 'CI bot',
      baseUrl: 'https://acme.atlassian.net',
      username: 'bot@acme.example',
      warnDays: [30, 7],
    });
    expect(parsed.ok).toBe(true);
  });

  it('refuses an Atlassian site URL together with a cloud id, since tokens with scopes go to api.atlassian.com', () => {
    const parsed = parseIntegrationConfig({
      kind: 'atlassian-api-token',
      baseUrl: 'https://acme.atlassian.net',
      cloudId: 'a436116f-02ce-4520-8fbb-7301462a1674',
      username: 'bot@acme.example',
    });
    expect(parsed).toEqual({
      ok: false,
      errors: { baseUrl: expect.stringContaining('leave the site URL empty') },
    });
  });

  it('names the allowed kinds when the kind is unknown', () => {
    const parsed = parseIntegrationConfig({ kind: 'jira-token' });
    expect(parsed).toEqual({
      ok: false,
      errors: { kind: expect.stringContaining('atlassian-api-token') },
    });
  });

  it('refuses plain http to a non-loopback host but accepts it for 127.0.0.1 and localhost', () => {
    const remote = parseIntegrationConfig({
      kind: 'github-token',
      baseUrl: 'http://github.example',
    });
    expect(remote).toEqual({ ok: false, errors: { baseUrl: expect.stringContaining('https://') } });
    for (const host of ['127.0.0.1:8080', 'localhost:3000']) {
      expect(parseIntegrationConfig({ kind: 'github-token', baseUrl: `http://${host}` }).ok).toBe(
        true,
      );
    }
  });

  it('refuses credentials embedded in a URL', () => {
    const parsed = parseIntegrationConfig({ kind: 'http', url: 'https://user:pw@api.example/x' });
    expect(parsed.ok).toBe(false);
  });

  it('requires the fields each kind needs', () => {
    expect(parseIntegrationConfig({ kind: 'atlassian-api-token' })).toEqual({
      ok: false,
      errors: { username: expect.any(String), baseUrl: expect.any(String) },
    });
    expect(parseIntegrationConfig({ kind: 'atlassian-admin-api-key' })).toEqual({
      ok: false,
      errors: { orgId: expect.any(String) },
    });
    expect(
      parseIntegrationConfig({ kind: 'http', url: 'https://x.example', auth: 'header' }),
    ).toEqual({
      ok: false,
      errors: { headerName: expect.any(String) },
    });
  });

  it('rejects unknown fields, bad dates and repeated warning days', () => {
    const parsed = parseIntegrationConfig({
      kind: 'github-token',
      expiresAt: 'next tuesday',
      warnDays: [7, 7],
      colour: 'blue',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(Object.keys(parsed.errors).sort()).toEqual(['config', 'expiresAt', 'warnDays']);
    }
  });
});
