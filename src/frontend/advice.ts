/** What the page knows besides a check's message, which says which of its advice still fits. */
export interface Evidence401 {
  /** The admin marked the credential revoked. */
  revoked: boolean;
  /** The service once accepted this very secret, so it is not a token sent to the wrong place. */
  identitySeen: boolean;
}

/**
 * Advice the probe adds to an Atlassian 401 (src/probes/kinds/atlassian-refusal.ts) for what
 * the answer alone cannot rule out: a token with scopes sent to the site, one without scopes
 * sent to the gateway, a deactivated account.
 */
const SCOPED_TOKEN_ADVICE = /\. If it is an API token with scopes, the site refuses it.*$/s;
const UNSCOPED_TOKEN_ADVICE = /, or a token without scopes, which belongs on the site URL\)/;
const DEACTIVATION_ADVICE =
  / — or its account was deactivated, which Atlassian answers.*?(?=\. If|$)/s;

/**
 * A check's message without the advice the evidence rules out: a secret the service accepted
 * before was not sent to the wrong gateway, and a token the admin revoked was not deactivated.
 */
export function fittingMessage(message: string, evidence: Evidence401): string {
  let fitting = message;
  if (evidence.identitySeen || evidence.revoked) {
    fitting = fitting.replace(SCOPED_TOKEN_ADVICE, '').replace(UNSCOPED_TOKEN_ADVICE, ')');
  }
  if (evidence.revoked) fitting = fitting.replace(DEACTIVATION_ADVICE, '');
  return fitting;
}
