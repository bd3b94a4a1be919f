import { CREDENTIAL_KINDS, type IntegrationConfig } from '../../src/domain/integration';
import {
  ATLASSIAN_TOKEN_URL,
  DEFAULT_BASE_URLS,
  integrationTarget,
  sameTarget,
  targetChanges,
} from '../../src/domain/target';
import { DEFAULT_TOKEN_URL } from '../../src/probes/kinds/atlassian-oauth2';
import { PROBES } from '../../src/probes/registry';
import { dayFromToday } from '../support/clock';

const changes = (before: IntegrationConfig, after: IntegrationConfig) =>
  targetChanges(integrationTarget(before), integrationTarget(after));

describe('the target of a credential', () => {
  it('knows the host each probe calls when no base URL is given', () => {
    for (const kind of CREDENTIAL_KINDS) {
      expect([kind, DEFAULT_BASE_URLS[kind]]).toEqual([kind, PROBES[kind].defaultBaseUrl]);
    }
    expect(ATLASSIAN_TOKEN_URL).toBe(DEFAULT_TOKEN_URL);
  });

  it('counts a default host like the same host typed in, and ignores a trailing slash', () => {
    const github: IntegrationConfig = { kind: 'github-token' };
    expect(changes(github, { ...github, baseUrl: 'https://api.github.com/' })).toEqual([]);
    expect(changes(github, { ...github, baseUrl: 'https://ghe.acme.example/api/v3' })).toEqual([
      'host api.github.com → ghe.acme.example',
    ]);
  });

  it('tells ports and paths apart, and names a path change without its query', () => {
    const http = (url: string): IntegrationConfig => ({ kind: 'http', url });
    expect(changes(http('http://127.0.0.1:8001/x'), http('http://127.0.0.1:8002/x'))).toEqual([
      'host 127.0.0.1:8001 → 127.0.0.1:8002',
    ]);
    const host = 'default1c2d.09.environment.api.powerplatform.com';
    const ours = `https://${host}/powerautomate/workflows/ours?sig=s1`;
    const theirs = `https://${host}/powerautomate/workflows/theirs?sig=s2`;
    expect(changes(http(ours), http(theirs))).toEqual([
      `host ${host}/powerautomate/workflows/ours → ${host}/powerautomate/workflows/theirs`,
    ]);
  });

  it('leaves out what does not decide where or how the secret goes', () => {
    const http: IntegrationConfig = { kind: 'http', url: 'https://api.acme.example/ping' };
    const edited: IntegrationConfig = {
      ...http,
      name: 'Renamed',
      method: 'HEAD',
      expectStatus: 204,
      warnDays: [3],
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      expectedAccountId: 'acc-9',
      // Only with basic auth is the username sent.
      username: 'ignored',
    };
    expect(sameTarget(integrationTarget(http), integrationTarget(edited))).toBe(true);
  });

  it('binds a kept grant to its token endpoint, an observed token only to the API', () => {
    const keep: IntegrationConfig = { kind: 'atlassian-oauth2', mode: 'keep' };
    const tokenUrl = 'https://auth.evil.example/oauth/token';
    expect(changes(keep, { ...keep, tokenUrl })).toEqual([
      'token host auth.atlassian.com → auth.evil.example',
    ]);
    const observe: IntegrationConfig = { kind: 'atlassian-oauth2', mode: 'observe' };
    expect(changes(observe, { ...observe, tokenUrl })).toEqual([]);
  });

  it('binds a GitHub App key to its host and app id, not to the installation it is checked on', () => {
    const app: IntegrationConfig = { kind: 'github-app', appId: '482913', account: 'acme' };
    expect(changes(app, { ...app, baseUrl: 'https://ghe.evil.example/api/v3' })).toEqual([
      'host api.github.com → ghe.evil.example',
    ]);
    expect(changes(app, { ...app, appId: '777' })).toEqual(['appId 482913 → 777']);
    const elsewhere = { ...app, account: 'beta', installationId: '9', permissions: 'issues:read' };
    expect(changes(app, elsewhere)).toEqual([]);
  });

  it('binds service account credentials to the token URL, the gateway and the site', () => {
    const sa: IntegrationConfig = {
      kind: 'atlassian-service-account',
      cloudId: 'c0ffee00-0001',
      expiresAt: dayFromToday(200),
    };
    expect(changes(sa, { ...sa, tokenUrl: 'https://auth.evil.example/oauth/token' })).toEqual([
      'token host auth.atlassian.com → auth.evil.example',
    ]);
    expect(changes(sa, { ...sa, baseUrl: 'https://gateway.evil.example' })).toEqual([
      'host api.atlassian.com → gateway.evil.example',
    ]);
    expect(changes(sa, { ...sa, cloudId: 'c0ffee00-0002' })).toEqual([
      'cloudId c0ffee00-0001 → c0ffee00-0002',
    ]);
    expect(changes(sa, { ...sa, product: 'confluence' })).toEqual(['product jira → confluence']);
    expect(changes(sa, { ...sa, scopes: 'read:jira-work', expiresAt: dayFromToday(290) })).toEqual(
      [],
    );
  });

  it('binds Data Center service account credentials to the server, whose token endpoint they reach', () => {
    const dc: IntegrationConfig = {
      kind: 'datacenter-oauth2-client',
      baseUrl: 'https://jira.acme.example/jira',
    };
    expect(changes(dc, { ...dc, baseUrl: 'https://jira.evil.example/jira' })).toEqual([
      'host jira.acme.example → jira.evil.example',
    ]);
    expect(changes(dc, { ...dc, baseUrl: 'https://jira.acme.example/other' })).toEqual([
      'host jira.acme.example/jira → jira.acme.example/other',
    ]);
    expect(changes(dc, { ...dc, scopes: 'WRITE' })).toEqual([]);
    expect(changes(dc, { ...dc, kind: 'datacenter-pat' })).toEqual([
      'kind datacenter-oauth2-client → datacenter-pat',
    ]);
  });

  it('reads a kind change as a change of how the secret is sent', () => {
    expect(changes({ kind: 'github-token' }, { kind: 'gitlab-token' })).toEqual([
      'host api.github.com → gitlab.com',
      'kind github-token → gitlab-token',
    ]);
  });
});
