import type { ServerResponse } from 'node:http';
import { parseIntegrationConfig } from '../../../src/domain/integration-input';
import { BadInputError } from '../../../src/probes/engine';
import {
  DC_SERVICE_ACCOUNT,
  startDatacenterOauth2,
  type DatacenterOauth2,
  type DcCredential,
} from '../../support/datacenter-oauth2';
import { check, daysFromNow, serialised } from '../../support/probe';
import { sendHtml, sendJson, startServer, type TestServer } from '../../support/server';

const secretOf = (c: DcCredential) => JSON.stringify(c);

describe('datacenter-oauth2-client probe', () => {
  let dc: DatacenterOauth2;
  let other: TestServer | undefined;
  afterEach(async () => {
    await dc.close();
    await other?.close();
    other = undefined;
  });

  const config = (extra: Record<string, unknown> = {}) => ({
    kind: 'datacenter-oauth2-client',
    baseUrl: dc.base,
    ...extra,
  });

  describe('against Jira Data Center', () => {
    beforeEach(async () => {
      dc = await startDatacenterOauth2('jira');
    });

    it('check() returns healthy with the service account after asking for READ with the client credentials', async () => {
      const credential = dc.create();
      const result = await check(config(), secretOf(credential));

      expect(result.verdict).toBe('healthy');
      expect(result.identity).toEqual({
        id: DC_SERVICE_ACCOUNT.key,
        username: DC_SERVICE_ACCOUNT.name,
        displayName: DC_SERVICE_ACCOUNT.displayName,
      });
      expect(result.facts).toMatchObject({
        scopes: 'READ',
        accessToken: 'requested for this check and not stored',
      });
      expect(dc.tokenRequests()).toEqual([
        {
          grant_type: 'client_credentials',
          client_id: credential.clientId,
          client_secret: credential.clientSecret,
          scope: 'READ',
        },
      ]);
      expect(dc.requests.map((r) => r.path)).toEqual([
        '/jira/rest/oauth2/latest/token',
        '/jira/rest/api/2/myself',
      ]);
      expect(dc.requests[1]?.headers.authorization).toMatch(/^Bearer dc-at-/);
      expect(serialised(result)).not.toContain(credential.clientSecret);
    });

    it('check() takes WRITE as covering the READ the check needs', async () => {
      const credential = dc.create({ scopes: ['WRITE'] });
      const result = await check(config({ scopes: 'WRITE' }), secretOf(credential));
      expect(result.verdict).toBe('healthy');
    });

    it('check() returns rejected on invalid_client and asks nothing else', async () => {
      const credential = dc.create();
      dc.revoke(credential.clientId);
      const result = await check(config(), secretOf(credential));

      expect(result.verdict).toBe('rejected');
      expect(result.message).toMatch(
        /^Jira Data Center's token endpoint answered 401 to the client credentials \(invalid_client/,
      );
      expect(dc.requests).toHaveLength(1);
    });

    it('check() returns expired when refused after the expiry date entered at save', async () => {
      const credential = dc.create();
      dc.revoke(credential.clientId);
      const result = await check(
        config({ expiresAt: daysFromNow(-1).toISOString() }),
        secretOf(credential),
      );
      expect(result.verdict).toBe('expired');
    });

    it('check() returns insufficient-scope when the service account does not hold the scopes the integration needs', async () => {
      const credential = dc.create({ scopes: ['READ'] });
      const result = await check(config({ scopes: 'WRITE' }), secretOf(credential));

      expect(result.verdict).toBe('insufficient-scope');
      expect(result.message).toMatch(/answered 400 to the client credentials \(invalid_scope/);
    });

    it('check() returns locked, without retrying, when Jira demands a CAPTCHA', async () => {
      const credential = dc.create();
      dc.lock();
      const result = await check(config(), secretOf(credential));

      expect(result.verdict).toBe('locked');
      expect(result.message).toContain('CAPTCHA_CHALLENGE');
      expect(dc.requests).toHaveLength(1);
    });

    it('check() returns identity-changed when the credentials belong to another account than the pinned one', async () => {
      const credential = dc.create({
        account: { key: 'JIRAUSER30003', name: 'svc-other', displayName: 'Other' },
      });
      const result = await check(
        config({ expectedAccountId: DC_SERVICE_ACCOUNT.name }),
        secretOf(credential),
      );
      expect(result.verdict).toBe('identity-changed');
      expect(result.message).toContain('svc-other');
    });

    it('check() returns unreachable when nothing listens at the base URL', async () => {
      const closed = await startServer(() => undefined);
      await closed.close();
      const result = await check(config({ baseUrl: `${closed.url}/jira` }), secretOf(dc.create()));
      expect(result.verdict).toBe('unreachable');
    });

    /** Issues a token, then answers Get current user as `myself` says. */
    async function server(myself: (res: ServerResponse) => void): Promise<TestServer> {
      return startServer((req, res) =>
        req.path.endsWith('/rest/oauth2/latest/token')
          ? sendJson(res, 200, { access_token: 'dc-at-x1', token_type: 'bearer', scope: 'READ' })
          : myself(res),
      );
    }

    it('check() returns rate-limited with the wait when Get current user answers 429', async () => {
      other = await server((res) => sendJson(res, 429, {}, { 'Retry-After': '17' }));
      const result = await check(config({ baseUrl: `${other.url}/jira` }), secretOf(dc.create()));
      expect(result.verdict).toBe('rate-limited');
      expect(result.retryAfterSeconds).toBe(17);
    });

    it('check() returns unexpected-response when Get current user answers an HTML page', async () => {
      other = await server((res) =>
        sendHtml(res, 200, '<html><title>Log in - Jira</title></html>'),
      );
      const result = await check(config({ baseUrl: `${other.url}/jira` }), secretOf(dc.create()));
      expect(result.verdict).toBe('unexpected-response');
      expect(result.message).toContain('HTML page');
    });

    it('check() returns insufficient-scope when Get current user answers 403', async () => {
      other = await server((res) => sendJson(res, 403, { message: 'scope' }));
      const result = await check(config({ baseUrl: `${other.url}/jira` }), secretOf(dc.create()));
      expect(result.verdict).toBe('insufficient-scope');
      expect(result.message).toContain('READ scope');
    });

    it('refuses a client id with spaces and a malformed secret before sending anything', async () => {
      await expect(
        check(config(), JSON.stringify({ clientId: 'dc client', clientSecret: 'dc-s3cr3t' })),
      ).rejects.toThrow(new BadInputError('clientId must be text without spaces'));
      await expect(check(config(), '{"clientId":')).rejects.toThrow(/not valid JSON/);
      expect(dc.requests).toHaveLength(0);
      const parsed = parseIntegrationConfig({ kind: 'datacenter-oauth2-client' });
      expect(parsed.ok ? {} : parsed.errors).toEqual({
        baseUrl: 'the Data Center base URL is required',
      });
    });
  });

  describe('against Confluence Data Center', () => {
    beforeEach(async () => {
      dc = await startDatacenterOauth2('confluence');
    });

    it('check() asks /rest/api/user/current and reads the Confluence user', async () => {
      const result = await check(config({ product: 'confluence' }), secretOf(dc.create()));
      expect(result.verdict).toBe('healthy');
      expect(result.identity).toMatchObject({
        id: DC_SERVICE_ACCOUNT.key,
        username: DC_SERVICE_ACCOUNT.name,
      });
      expect(dc.requests[1]?.path).toBe('/jira/rest/api/user/current');
      expect(result.message).toMatch(/^Confluence Data Center issued an access token/);
    });
  });
});
