/**
 * Whether a query parameter, form field or JSON field is named for a credential. One rule serves
 * the redactor (which masks such values in evidence) and every validator of a stored URL (which
 * refuses them), so a name the redactor would mask can never be stored in plain storage.
 *
 * A name pattern, not a list: services name their credentials freely (`private_token`,
 * `hapikey`, `x-api-key`, `client_assertion`, `session_token`…). Case is ignored and so are
 * separators, so `apiToken`, `api_token` and `api-token` read alike.
 */
const CREDENTIAL_WORD =
  /token|secret|passw|passphrase|^pwd$|^pass$|key(?!word)|auth(?!or(?!i[sz]))|session|^sig$|signature|assertion|credential|cookie|^code$|jwt|bearer|hmac/;

/**
 * Names that the pattern catches but that hold no credential: GitHub's SAML SSO link
 * (`/orgs/{org}/sso?authorization_request=…`) names a one-hour request that only the token's
 * owner, signed in through the organisation's identity provider, can complete.
 */
const NOT_A_CREDENTIAL = new Set(['authorizationrequest']);

const normalised = (name: string): string => name.toLowerCase().replace(/[-_.\s[\]]/g, '');

export function isCredentialName(name: string): boolean {
  const word = normalised(name);
  return CREDENTIAL_WORD.test(word) && !NOT_A_CREDENTIAL.has(word);
}

/** The first query parameter of the URL whose name says it carries a credential, or null. */
export function credentialInQuery(url: URL): string | null {
  return [...url.searchParams.keys()].find(isCredentialName) ?? null;
}

/** A parameter's name as an error may quote it: on one line, and short. */
export function paramWords(name: string): string {
  const shown = encodeURIComponent(name);
  return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
}
