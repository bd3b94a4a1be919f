import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { KeyObject } from 'node:crypto';
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { HttpClient, ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, commonFailure, field, joinUrl, readJson, str } from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { PROMPT_REVOCATION_MS } from '../probe';
import { GITHUB_API, SERVICE, bodyMessage, githubGet, rateLimit } from './github-answers';
import {
  expectsOne,
  installationGone,
  isExpected,
  pickOnly,
  suspended,
  toInstallation,
  type Installation,
} from './github-app-installation';
import { parseAppKey, signAppJwt } from './github-app-key';
import { revokeMinted } from './github-app-revoke';
import {
  describePermissions,
  missingPermissions,
  parsePermissions,
} from './github-app-permissions';

/** GitHub lists at most 100 installations a page; ten pages is more than any app we watch. */
const PER_PAGE = 100;
export const MAX_PAGES = 10;

/** Documented in docs.github.com ("Managing private keys for GitHub Apps"). */
const NO_EXPIRY = 'never: GitHub App private keys do not expire; they last until deleted';

export function appRequest(config: IntegrationConfig, jwt: string): ProbeRequest {
  return githubGet(config, jwt, '/app');
}

export function installationsRequest(
  config: IntegrationConfig,
  jwt: string,
  page: number,
): ProbeRequest {
  return githubGet(config, jwt, `/app/installations?per_page=${PER_PAGE}&page=${page}`);
}

/**
 * Asks for only the permissions the integration needs (none named: all the installation has),
 * so the token minted for the check, never kept and revoked right after, can do no more.
 */
export function accessTokenRequest(
  config: IntegrationConfig,
  jwt: string,
  installationId: string,
): ProbeRequest {
  const wanted = parsePermissions(config.permissions);
  const body = Object.keys(wanted).length > 0 ? { permissions: wanted } : {};
  return {
    method: 'POST',
    url: joinUrl(
      config.baseUrl ?? GITHUB_API,
      `/app/installations/${encodeURIComponent(installationId)}/access_tokens`,
    ),
    headers: {
      ...bearer(jwt),
      'X-GitHub-Api-Version': '2022-11-28',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  };
}

const REVOKED = 'the private key was revoked or the app id is wrong';
/** GitHub's words when the JWT's times are off: our clock, not the key. */
const CLOCK = /'(issued at|expiration time)' claim/i;

/** What every answer to the app's JWT shares: limits, outages, and a refused key. */
function refusal(res: ProbeResponse, now: Date): ProbeOutcome | null {
  const message = res.status >= 400 ? bodyMessage(res) : undefined;
  const limited = rateLimit(res, message, now);
  if (limited) return limited;
  if (res.status === 401 && CLOCK.test(message ?? '')) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered 401 (${message}): it disputes the time the check signed with; this server's clock is off, and the key was not judged`,
    };
  }
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    return {
      verdict: 'rejected',
      message: `${SERVICE} answered 401 (${message ?? 'no reason given'}): ${REVOKED}; generate a new private key in the app's settings and update the integration`,
    };
  }
  return common;
}

function identityFrom(body: unknown): Identity | null {
  const id = str(field(body, 'id'));
  const slug = str(field(body, 'slug'));
  if (!id || !slug) return null;
  return { id, username: slug, displayName: str(field(body, 'name')) };
}

/** `GET /app`: who the key signs for. GitHub names an unknown app id "Integration not found". */
export function judgeApp(res: ProbeResponse, now: Date): ProbeOutcome {
  const refused = refusal(res, now);
  if (refused) return refused;
  if (res.status === 404 && /integration not found/i.test(bodyMessage(res) ?? '')) {
    return {
      verdict: 'rejected',
      message: `${SERVICE} answered 404 (Integration not found): ${REVOKED} (no app has this id)`,
    };
  }
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const identity = res.status === 200 ? identityFrom(json.value) : null;
  if (!identity) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without an app where GET /app was expected to name one — check the base URL (GitHub Enterprise Server needs /api/v3)`,
    };
  }
  const owner = str(field(json.value, 'owner', 'login'));
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the private key of app ${identity.username} (${identity.id})`,
    identity,
    facts: { app: identity.username ?? '', ...(owner ? { owner } : {}), expiry: NO_EXPIRY },
  };
}

type Page = { ok: true; list: Installation[] } | { ok: false; outcome: ProbeOutcome };

export function judgeInstallations(res: ProbeResponse, now: Date): Page {
  const refused = refusal(res, now);
  if (refused) return { ok: false, outcome: refused };
  const json = readJson(res, SERVICE);
  if (!json.ok) return json;
  const list = res.status === 200 && Array.isArray(json.value) ? json.value : null;
  const parsed = list?.map(toInstallation);
  if (!parsed || parsed.some((i) => i === null)) {
    return {
      ok: false,
      outcome: {
        verdict: 'unexpected-response',
        message: `${SERVICE} answered ${res.status} without the list of installations GET /app/installations returns`,
      },
    };
  }
  return { ok: true, list: parsed as Installation[] };
}

/** Pages through the installations until the expected one turns up, or the list ends. */
export async function findInstallation(
  http: HttpClient,
  config: IntegrationConfig,
  jwt: string,
  now: Date,
): Promise<Installation | ProbeOutcome> {
  const seen: Installation[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = judgeInstallations(
      await http.send(installationsRequest(config, jwt, page)),
      now,
    );
    if (!answer.ok) return answer.outcome;
    seen.push(...answer.list);
    if (!expectsOne(config)) return pickOnly(seen);
    const found = answer.list.find((i) => isExpected(config, i));
    if (found) return found;
    if (answer.list.length < PER_PAGE) break;
  }
  return installationGone(config, seen);
}

/** `POST …/access_tokens`: the proof the key still mints tokens there, with what it needs. */
export function judgeToken(
  res: ProbeResponse,
  config: IntegrationConfig,
  inst: Installation,
  now: Date,
): ProbeOutcome {
  const message = res.status >= 400 ? bodyMessage(res) : undefined;
  const facts = { installationId: inst.id, account: inst.account };
  if (res.status === 403 && /suspended/i.test(message ?? '')) {
    return suspended({ ...inst, suspendedAt: inst.suspendedAt ?? 'an unknown date' });
  }
  const refused = refusal(res, now);
  if (refused) return refused;
  if (res.status === 404) {
    return {
      verdict: 'rejected',
      message: `${SERVICE} answered 404 minting a token for installation ${inst.id} on ${inst.account}: the app was uninstalled there just now; install it again or correct the integration`,
      facts,
    };
  }
  if (res.status === 422) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} answered 422 (${message ?? 'unprocessable'}): the installation on ${inst.account} was not granted the permissions the integration needs (${config.permissions ?? 'none named'}); add them to the app and have ${inst.account} accept them`,
      facts,
    };
  }
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const granted = field(json.value, 'permissions');
  if (res.status !== 201 || !str(field(json.value, 'token'))) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without the installation token POST …/access_tokens returns`,
    };
  }
  const missing = missingPermissions(parsePermissions(config.permissions), granted);
  const withGranted = { ...facts, permissions: describePermissions(granted) };
  if (missing.length > 0) {
    return {
      verdict: 'insufficient-scope',
      message: `the installation token for ${inst.account} lacks ${missing.join(', ')}; add them to the app's permissions and have ${inst.account} accept them`,
      facts: withGranted,
    };
  }
  return {
    verdict: 'healthy',
    message: `installation ${inst.id} on ${inst.account} is active and minted a token with ${withGranted.permissions}`,
    facts: withGranted,
  };
}

/** The app's outcome, then the installation's: what /app told (who, expiry) is kept. */
function combine(app: ProbeOutcome, next: ProbeOutcome): ProbeOutcome {
  return {
    ...app,
    ...next,
    message: next.verdict === 'healthy' ? `${app.message}; ${next.message}` : next.message,
    identity: app.identity,
    facts: { ...app.facts, ...next.facts },
  };
}

async function checkInstallation(
  http: HttpClient,
  config: IntegrationConfig,
  jwt: string,
  now: Date,
): Promise<ProbeOutcome> {
  const inst = await findInstallation(http, config, jwt, now);
  if ('verdict' in inst) return inst;
  if (inst.suspendedAt) return suspended(inst);
  const res = await http.send(accessTokenRequest(config, jwt, inst.id));
  // Never kept: masked wherever the answer is quoted, though its field name hides it already.
  const token =
    res.status === 201 ? str(field(readJson(res, SERVICE), 'value', 'token')) : undefined;
  http.redactor.add(token);
  const outcome = judgeToken(res, config, inst, now);
  return token ? revokeMinted(http, config, token, outcome) : outcome;
}

export const githubAppProbe: Probe<KeyObject> = {
  label: CREDENTIAL_KIND_LABEL['github-app'],
  service: () => 'GitHub',
  // A deleted private key signs JWTs GitHub refuses at once.
  revocationLagMs: PROMPT_REVOCATION_MS,
  defaultBaseUrl: GITHUB_API,
  // The app, every installations page, the token minted for the check and its revoke.
  maxRequests: 1 + MAX_PAGES + 2,
  parseSecret: parseAppKey,
  async check({ config, secret, http, now }) {
    const jwt = await signAppJwt(secret, config.appId ?? '', now);
    http.redactor.add(jwt);
    const app = judgeApp(await http.send(appRequest(config, jwt)), now);
    if (app.verdict !== 'healthy') return app;
    return combine(app, await checkInstallation(http, config, jwt, now));
  },
};
