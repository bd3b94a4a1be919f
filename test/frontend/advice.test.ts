import { fittingMessage } from '../../src/frontend/advice';
import type { IntegrationConfig } from '../../src/domain/integration';
import type { ProbeResponse } from '../../src/http/client';
import { atlassianRefusal } from '../../src/probes/kinds/atlassian-refusal';

/** A 401 as Atlassian sends it (https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/). */
function unauthorized(url: string): ProbeResponse {
  return {
    url,
    status: 401,
    headers: {},
    contentType: 'text/plain',
    text: 'Client must be authenticated to access this resource.',
    truncated: false,
    durationMs: 40,
  };
}

const site: IntegrationConfig = {
  kind: 'atlassian-api-token',
  name: 'CI bot',
  baseUrl: 'https://example.atlassian.net',
  username: 'ci@example.com',
};
const gateway: IntegrationConfig = { kind: 'atlassian-api-token', name: 'CI bot', cloudId: 'abc' };

/** The message the probe really writes for a 401 on this config. */
function refusal(config: IntegrationConfig, orgInventory = true): string {
  return atlassianRefusal(unauthorized('https://example.atlassian.net/rest/api/3/myself'), {
    config,
    service: 'Jira',
    flaggedFailed: false,
    orgInventory,
  }).message;
}

describe('the advice a 401 message keeps', () => {
  it('keeps every possibility when nothing else is known', () => {
    const message = refusal(site);
    expect(fittingMessage(message, { revoked: false, identitySeen: false })).toBe(message);
  });

  it('drops the scoped-token advice once the service accepted this secret before', () => {
    const fitting = fittingMessage(refusal(site), { revoked: false, identitySeen: true });
    expect(fitting).not.toMatch(/scopes/);
    expect(fitting).toMatch(/^Jira answered 401: the credential is no longer accepted/);
    expect(fitting).toContain('deactivated');
    const viaGateway = fittingMessage(refusal(gateway), { revoked: false, identitySeen: true });
    expect(viaGateway).not.toMatch(/scopes/);
    expect(viaGateway).toContain('(revoked, expired or mistyped)');
  });

  it('says only that it is refused once the admin marked it revoked', () => {
    const fitting = fittingMessage(refusal(site), { revoked: true, identitySeen: false });
    expect(fitting).toBe(
      'Jira answered 401: the credential is no longer accepted (revoked, expired or mistyped)',
    );
  });
});
