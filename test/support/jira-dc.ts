/**
 * A Jira Data Center double, true to the public record:
 * - Atlassian, "Using Personal Access Tokens" (confluence.atlassian.com/enterprise/
 *   using-personal-access-tokens-1026032365.html): a PAT is sent as `Authorization: Bearer`;
 *   `/rest/pat/latest/tokens` creates (POST {name, expirationDuration}) and lists the caller's
 *   own tokens; an entry is {id, name, createdAt, expiringAt, …}.
 * - The listed `id` is the token's row number (1, 2, 3…): it is what DELETE
 *   /rest/pat/latest/tokens/{id} takes. The number a PAT itself carries (base64 of
 *   "<TOKEN_ID>:<secret>") is a different, internal id that the listing never shows — Atlassian
 *   does not document the token format; the double keeps the two unrelated on purpose.
 * - A token created without expiry: the documentation is silent on how it is listed; the
 *   double lists it with `expiringAt` omitted unless a test says otherwise.
 */
import type { ServerResponse } from 'node:http';
import {
  bearerToken,
  sendHtml,
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from './server';

/** A real-looking PAT: base64 of "<12-digit internal TOKEN_ID>:<20 random bytes>". */
export function mintPat(internalId: string, randomHex: string): string {
  const random = Buffer.from(randomHex, 'hex');
  return Buffer.concat([Buffer.from(`${internalId}:`), random]).toString('base64');
}

export const PAT = mintPat('742309342887', 'b4393ad4891f3febad10660963b8ef8de358d596');
export const CONTEXT = '/jira';

export const MYSELF = {
  self: 'https://jira.acme.example/jira/rest/api/2/user?username=ci-bot',
  key: 'JIRAUSER10100',
  name: 'ci-bot',
  emailAddress: 'ci-bot@acme.example',
  displayName: 'CI Bot',
  active: true,
  timeZone: 'Europe/Berlin',
};

/** What the owner typed and when: the listing adds its own small row id. */
export interface ListedPat {
  name: string;
  createdAt?: string;
  expiringAt?: string;
  lastAccessedAt?: string;
}

export const NOT_AUTHENTICATED = {
  errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
  errors: {},
};

const DEAD_LINK = '<html><title>Oops, you&#39;ve found a dead link.</title></html>';

/** Ids as Jira lists them: the row number, starting at 1. */
export function listing(tokens: ListedPat[]): Record<string, unknown>[] {
  return tokens.map((t, i) => ({
    id: i + 1,
    name: t.name,
    createdAt: t.createdAt ?? '2026-05-27T09:12:44.105+0000',
    ...(t.expiringAt ? { expiringAt: t.expiringAt } : {}),
    ...(t.lastAccessedAt ? { lastAccessedAt: t.lastAccessedAt } : {}),
  }));
}

type Custom = (req: RecordedRequest, res: ServerResponse) => void;

export interface JiraDcOptions {
  /** The owner's tokens, listed in this order; or a handler for the listing path. */
  tokens?: ListedPat[] | Custom;
}

/** Jira DC under /jira: /myself for the PAT, 401 + Seraph headers otherwise, HTML 404 elsewhere. */
export function jiraDc(options: JiraDcOptions = {}): Promise<TestServer> {
  return startServer((req, res) => {
    if (bearerToken(req) !== PAT) {
      return sendJson(res, 401, NOT_AUTHENTICATED, {
        'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED',
        'X-AUSERNAME': 'anonymous',
      });
    }
    const who = { 'X-AUSERNAME': 'ci-bot', 'X-AUSERID': '10100' };
    if (req.path === `${CONTEXT}/rest/api/2/myself`) return sendJson(res, 200, MYSELF, who);
    if (req.path === `${CONTEXT}/rest/pat/latest/tokens`) {
      const tokens = options.tokens ?? [
        { name: 'ci-bot sync', expiringAt: '2027-05-27T09:12:44.105+0000' },
      ];
      if (typeof tokens === 'function') return tokens(req, res);
      return sendJson(res, 200, listing(tokens), who);
    }
    sendHtml(res, 404, DEAD_LINK);
  });
}
