import { z } from 'zod';
import { safeUrl } from '../../domain/integration';
import { TEXT_LIMITS } from '../../domain/limits';
import { fetch } from '../../platform/forge';
import { HttpClient, safeHost, TransportError, type ProbeResponse } from '../../http/client';
import { field, str } from '../../probes/interpret';
import { tenantInfoUrl } from '../../probes/kinds/atlassian-refusal';
import { Redactor } from '../../http/redact';
import { declared, egressRefusal, manifestEntry } from '../egress';
import { ResolverFailure } from '../envelope';
import type { Handlers } from '../types';
import { badInput, parse } from '../validate';

/** Well inside the resolver's 25 s: a slow site gets a clear answer, not a platform time-out. */
export const CLOUD_ID_TIMEOUT_MS = 5_000;

/** What a cloud id looks like (a UUID today); anything else is not taken from the answer. */
const CLOUD_ID = /^[A-Za-z0-9-]{1,100}$/;

const lookupPayload = z.object({
  siteUrl: z
    .string({ error: 'enter the site URL, e.g. https://your-site.atlassian.net' })
    .pipe(safeUrl(TEXT_LIMITS.siteUrl)),
});

const ELSEWHERE =
  'You can also read it in admin.atlassian.com: choose the site; the ID follows /s/ in the address.';

function unusable(host: string, what: string): ResolverFailure {
  return badInput(
    { siteUrl: `${host} ${what}` },
    `${host} ${what}. Check that the site URL is your Atlassian Cloud site, e.g. https://your-site.atlassian.net. ${ELSEWHERE}`,
  );
}

function cloudIdOf(res: ProbeResponse): string | null {
  if (res.status !== 200 || !res.contentType.includes('json') || res.truncated) return null;
  try {
    const id = str(field(JSON.parse(res.text) as unknown, 'cloudId'));
    return id && CLOUD_ID.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** Plain words for an answer that holds no cloud id. */
function explain(res: ProbeResponse, host: string): ResolverFailure {
  if (res.status >= 500 || res.status === 429) {
    return new ResolverFailure(
      'UNAVAILABLE',
      `${host} answered ${res.status}: it cannot tell its cloud id just now. Try again in a minute. ${ELSEWHERE}`,
    );
  }
  if (res.status >= 300 && res.status < 400) return unusable(host, 'redirected elsewhere');
  if (res.status === 404) return unusable(host, 'has no cloud id to tell (it answered 404)');
  if (res.contentType.includes('html'))
    return unusable(host, 'answered a web page, not its cloud id');
  return unusable(host, `answered ${res.status} without a cloud id`);
}

/**
 * Reads a site's cloud id from its public `/_edge/tenant_info` (no credential is sent), as
 * support.atlassian.com's "How to find your Atlassian Cloud site's Cloud ID" documents it.
 */
async function lookUp(url: string, host: string): Promise<string> {
  const http = new HttpClient({
    fetch,
    redactor: new Redactor(),
    requestTimeoutMs: CLOUD_ID_TIMEOUT_MS,
    deadlineMs: CLOUD_ID_TIMEOUT_MS,
  });
  let res: ProbeResponse;
  try {
    res = await http.send({ method: 'GET', url });
  } catch (err) {
    const why = err instanceof TransportError ? err.message : 'the request failed';
    throw new ResolverFailure(
      'UNAVAILABLE',
      `${host} could not be asked for its cloud id (${why}). Check the site URL and try again. ${ELSEWHERE}`,
    );
  }
  const cloudId = cloudIdOf(res);
  if (!cloudId) throw explain(res, host);
  return cloudId;
}

export const cloudIdHandlers: Pick<Handlers, 'findCloudId'> = {
  /** The cloud id of the site whose URL the admin typed, for a token with scopes. */
  async findCloudId(payload) {
    const { siteUrl } = parse(lookupPayload, payload);
    const url = tenantInfoUrl(siteUrl) as string;
    const host = safeHost(url);
    if (!declared(url)) {
      throw egressRefusal(
        [host],
        [manifestEntry(url)],
        { siteUrl: `${host} is not declared as egress in manifest.yml` },
        'then find the Cloud ID again',
        ELSEWHERE,
      );
    }
    return { cloudId: await lookUp(url, host) };
  },
};
