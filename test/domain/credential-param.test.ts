import { credentialInQuery, isCredentialName } from '../../src/domain/credential-param';
import { parseIntegrationConfig } from '../../src/domain/integration-input';
import { Redactor } from '../../src/http/redact';

/** The names of issue #23 §5 that were stored in plain storage, and the ones refused before. */
const CREDENTIAL_NAMES = [
  'private_token',
  'auth_token',
  'refresh_token',
  'api_token',
  'apiToken',
  'hapikey',
  'x-api-key',
  'client_assertion',
  'session_token',
  'api_key',
  'key',
  'token',
  'access_token',
  'auth',
  'Authorization',
  'sig',
  'signature',
  'client_secret',
  'password',
  'pwd',
  'code',
  'subscription-key',
  'X-Amz-Signature',
  'SessionId',
  'jwt',
];

/** Names a health-check or receiver URL carries for ordinary reasons. */
const ORDINARY_NAMES = [
  'verbose',
  'page',
  'per_page',
  'q',
  'sort',
  'state',
  'author',
  'keyword',
  'client_id',
  'scope',
  'api-version',
  'sp',
  'sv',
  'authorization_request',
];

const VALUE = 'Zq9-credential-value-77';
const urlWith = (name: string) =>
  `https://api.example.com/v1/me?verbose=1&${encodeURIComponent(name)}=${VALUE}`;

describe('the credential-name rule', () => {
  it.each(CREDENTIAL_NAMES)(
    'reads %s as a credential, in any case and with any separator',
    (name) => {
      expect(isCredentialName(name)).toBe(true);
      expect(isCredentialName(name.toUpperCase())).toBe(true);
      expect(isCredentialName(name.replace(/[-_]/g, '.'))).toBe(true);
    },
  );

  it.each(ORDINARY_NAMES)('reads %s as an ordinary parameter', (name) => {
    expect(isCredentialName(name)).toBe(false);
    expect(credentialInQuery(new URL(urlWith(name)))).toBeNull();
  });

  it.each([...CREDENTIAL_NAMES, ...ORDINARY_NAMES])(
    '%s: the validator refuses exactly what the redactor masks',
    (name) => {
      const masked = !new Redactor().url(urlWith(name)).includes(VALUE);
      const parsed = parseIntegrationConfig({ kind: 'http', name: 'x', url: urlWith(name) });
      expect(parsed.ok).toBe(!masked);
      expect(masked).toBe(isCredentialName(name));
    },
  );

  it('names the parameter in plain words, never its value', () => {
    const parsed = parseIntegrationConfig({ kind: 'http', name: 'x', url: urlWith('hapikey') });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        url: 'holds a credential in its query: remove it from the URL and enter it in the secret field (?hapikey=…)',
      },
    });
    expect(JSON.stringify(parsed)).not.toContain(VALUE);
  });
});
