import type { Verdict } from '../verdict';

/** What is wrong, as the end of "<integration>: …". */
export const HEADLINE: Record<Verdict, string> = {
  healthy: 'works',
  expiring: 'its credential expires soon',
  expired: 'its credential has expired',
  'wrong-expiry-date': 'the expiry date on file has passed, yet the service still accepts it',
  rejected: 'its credential is refused',
  'revocation-ignored': 'it was revoked, yet the service still accepts it',
  'insufficient-scope': 'its credential lacks a permission it needs',
  anonymous: 'its credential is silently ignored: requests are served as anonymous',
  'identity-changed': 'it authenticates as someone other than the pinned identity',
  locked: 'a person must act before it works again',
  'unexpected-response': 'the service answers something other than its API',
  unreachable: 'the service cannot be reached',
  'rate-limited': 'the service keeps refusing checks with 429 (rate limited)',
  'not-allowed': 'its host is not declared as egress, so it cannot be checked',
};

/** The first thing to do; where replacing the credential is the fix, the renewal steps follow. */
export const ACTION: Record<Verdict, string> = {
  healthy: 'Nothing to do.',
  expiring: 'Replace the credential before it expires: the steps follow.',
  expired: 'Replace the credential: the steps follow.',
  'wrong-expiry-date':
    'Correct the expiry date on the integration (edit it): the date the service showed when the credential was made, or none.',
  rejected:
    'Replace the credential (it was revoked, expired or deleted): the steps follow. Checks back off to once a day until it is edited.',
  'revocation-ignored':
    'Revoke it again at the service and make sure it is the right credential: until the service refuses it, whoever holds it can still use it.',
  'insufficient-scope':
    'Give the account the permission the integration needs, or create a credential that has it: the steps follow.',
  anonymous:
    'Replace the credential: the service ignores it, so the integration sees only public data. The steps follow.',
  'identity-changed':
    'Find out who swapped the credential. If the new identity is right, update the pinned identity; otherwise put back a credential of the expected account: the steps follow.',
  locked:
    "Do what the check's message says, as that account: sign in through the browser to clear a CAPTCHA, or authorise the token for the organisation's single sign-on. Then press Check now.",
  'unexpected-response':
    'Check the base URL: the service should answer its API there, not a login page or a redirect.',
  unreachable:
    'Check that the service is up and reachable from Atlassian Cloud (DNS, TLS, firewall). The credential itself is not in question yet.',
  'rate-limited':
    'Check less often, or reduce the other traffic on this credential: the service keeps answering 429.',
  'not-allowed':
    "Declare the host as an external fetch in the app's manifest.yml and deploy again.",
};

/** Verdicts a new credential fixes: their alerts carry the kind's renewal steps. */
export const RENEWABLE: ReadonlySet<Verdict> = new Set<Verdict>([
  'expiring',
  'expired',
  'rejected',
  'insufficient-scope',
  'anonymous',
  'identity-changed',
]);
