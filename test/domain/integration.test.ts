import { parseIntegrationConfig } from '../../src/domain/integration-input';

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

  it('keeps a tokenId given as a JSON number (as Jira lists it) as text, and refuses other shapes in words', () => {
    const pat = (tokenId: unknown) =>
      parseIntegrationConfig({ kind: 'datacenter-pat', baseUrl: 'https://jira.example', tokenId });
    expect(pat(3)).toMatchObject({ ok: true, value: { tokenId: '3' } });
    expect(pat({ id: 3 })).toEqual({
      ok: false,
      errors: { tokenId: 'must be the token’s listed id, its name or its creation day' },
    });
  });

  describe('Bitbucket Data Center token scope', () => {
    const bitbucket = (extra: Record<string, unknown>) =>
      parseIntegrationConfig({
        kind: 'bitbucket-datacenter-token',
        baseUrl: 'https://scm.acme.example',
        ...extra,
      });

    it('accepts a project token and a repository token', () => {
      expect(bitbucket({ projectKey: 'OPS' }).ok).toBe(true);
      expect(bitbucket({ projectKey: 'OPS_2', repoSlug: 'deploy-tools.v2' }).ok).toBe(true);
    });

    it('refuses a project key that is not one, in plain words', () => {
      expect(bitbucket({ projectKey: '9OPS' })).toEqual({
        ok: false,
        errors: { projectKey: expect.stringMatching(/^must start with a letter/) },
      });
      expect(bitbucket({ projectKey: 'O'.repeat(129) })).toEqual({
        ok: false,
        errors: { projectKey: 'Project key: at most 128 characters' },
      });
    });

    it('refuses a repository slug with characters a slug cannot hold', () => {
      expect(bitbucket({ projectKey: 'OPS', repoSlug: 'deploy/tools' })).toEqual({
        ok: false,
        errors: { repoSlug: expect.stringMatching(/^must hold only letters, digits/) },
      });
    });

    it('asks for the project key of a repository token', () => {
      expect(bitbucket({ repoSlug: 'deploy-tools' })).toEqual({
        ok: false,
        errors: { projectKey: expect.stringContaining('repository token needs the key') },
      });
    });

    it('refuses an owner on a project token, which belongs to no user', () => {
      expect(bitbucket({ projectKey: 'OPS', username: 'ci-bot' })).toEqual({
        ok: false,
        errors: { username: expect.stringContaining('belongs to no user') },
      });
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
