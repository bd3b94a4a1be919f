import { z } from 'zod';
import {
  HEARTBEAT_HOSTS,
  HEARTBEAT_METHODS,
  heartbeatUrlProblem,
  hostOf,
  type BoundUrl,
  type HeartbeatConfig,
  type HeartbeatUrls,
} from '../../domain/heartbeat';
import { TEXT_LIMITS as T } from '../../domain/limits';
import { text } from '../../domain/plain-input';
import { keyedFingerprint, type FingerprintKey } from '../../domain/fingerprint';
import { clock, fetch, invocation } from '../../platform/forge';
import { sendPing } from '../../scheduler/heartbeat-ping';
import { outcomeOf, testBody } from '../../scheduler/heartbeat';
import { heartbeat } from '../../storage/heartbeat';
import type { HeartbeatOutcome } from '../../domain/heartbeat';
import type { HeartbeatView } from '../contract';
import { declared, manifestEntry } from '../egress';
import { ResolverFailure } from '../envelope';
import type { CallContext, Handlers } from '../types';
import { badInput, parse } from '../validate';
import { fingerprintKeyFor, recordAudit } from './common';

const url = text(T.receiverUrl, { trim: true }).min(
  1,
  'enter the URL, or leave it out to keep the stored one',
);

const heartbeatPayload = z.object({
  method: z.enum(HEARTBEAT_METHODS, { error: 'must be GET or POST' }),
  includeNames: z.boolean({ error: 'must be true or false' }),
  successUrl: url.optional(),
  failureUrl: url.optional(),
  remove: z
    .array(z.enum(['success', 'failure'], { error: 'must be success or failure' }), {
      error: 'must be a list: success, failure or both',
    })
    .max(2, 'must be a list: success, failure or both')
    .optional(),
});

const testPayload = z.object({
  which: z.enum(['success', 'failure'], { error: 'must be success or failure' }).optional(),
});

type Which = 'success' | 'failure';
const FIELD: Record<Which, string> = { success: 'successUrl', failure: 'failureUrl' };

/** The URL's problem in plain words, the manifest line to add included when egress is missing. */
function urlError(raw: string): string | null {
  const problem = heartbeatUrlProblem(raw);
  if (problem) return `The URL ${problem}`;
  if (declared(raw)) return null;
  return (
    `Forge lets this app reach only the hosts its manifest.yml declares, and ${hostOf(raw)} is not one of them ` +
    `(declared for heartbeats: ${HEARTBEAT_HOSTS.join(', ')}). Another host needs the app redeployed with ` +
    `${manifestEntry(raw)} under permissions.external.fetch.backend.`
  );
}

/** Both URLs of the heartbeat share one scope: the path is the key, the fingerprint tells them apart. */
export const HEARTBEAT_SCOPE = 'heartbeat';

const bind = (raw: string, key: FingerprintKey): BoundUrl => ({
  host: hostOf(raw),
  fingerprint: keyedFingerprint(raw, key),
});

async function view(config?: HeartbeatConfig): Promise<HeartbeatView> {
  const [saved, lastOutcome] = await Promise.all([
    config ? Promise.resolve(config) : heartbeat.get(),
    heartbeat.outcome(),
  ]);
  return {
    method: saved.method,
    includeNames: saved.includeNames,
    success: saved.success,
    failure: saved.failure,
    updatedAt: saved.updatedAt || null,
    lastOutcome: lastOutcome ?? null,
    knownHosts: [...HEARTBEAT_HOSTS],
  };
}

type Input = z.infer<typeof heartbeatPayload>;

function validate(input: Input): void {
  const errors: Record<string, string> = {};
  for (const which of ['success', 'failure'] as const) {
    const raw = which === 'success' ? input.successUrl : input.failureUrl;
    const problem = raw ? urlError(raw) : null;
    if (problem) errors[FIELD[which]] = problem;
    if (raw && input.remove?.includes(which))
      errors[FIELD[which]] = 'enter a URL or remove it, not both';
  }
  if (Object.keys(errors).length > 0) throw badInput(errors);
}

/** The next URLs: typed ones replace, removed ones go, the rest are kept as stored. */
function nextUrls(input: Input, stored: HeartbeatUrls | undefined) {
  const keep = (which: Which, typed?: string) =>
    input.remove?.includes(which) ? null : (typed ?? stored?.[which] ?? null);
  return { success: keep('success', input.successUrl), failure: keep('failure', input.failureUrl) };
}

function auditDetail(input: Input, config: HeartbeatConfig): string {
  const words = [`heartbeat ${config.success || config.failure ? config.method : 'off'}`];
  words.push(config.includeNames ? 'names included' : 'no names');
  for (const which of ['success', 'failure'] as const) {
    const bound = config[which];
    if (input.remove?.includes(which)) words.push(`${which} URL removed`);
    else if ((which === 'success' ? input.successUrl : input.failureUrl) && bound) {
      words.push(`${which} URL ${bound.host} ${bound.fingerprint}`);
    }
  }
  return words.join(', ');
}

async function save(payload: unknown, ctx: CallContext): Promise<HeartbeatView> {
  const input = parse(heartbeatPayload, payload);
  validate(input);
  const [before, stored] = await Promise.all([heartbeat.get(), heartbeat.getUrls()]);
  const urls = nextUrls(input, stored);
  const typedAny = Boolean(input.successUrl || input.failureUrl);
  const key = typedAny ? await fingerprintKeyFor(HEARTBEAT_SCOPE) : null;
  const boundOf = (which: Which, typed?: string) =>
    typed && key ? bind(typed, key) : urls[which] ? before[which] : null;
  const now = clock();
  const config: HeartbeatConfig = {
    method: input.method,
    includeNames: input.includeNames,
    success: boundOf('success', input.successUrl),
    failure: boundOf('failure', input.failureUrl),
    updatedAt: now.toISOString(),
  };
  // The secret first: a record naming a host the stored URL does not have sends nothing.
  if (urls.success || urls.failure) {
    await heartbeat.setUrls({ success: urls.success ?? '', failure: urls.failure });
  } else if (stored) await heartbeat.deleteUrls();
  await heartbeat.save(config);
  await recordAudit(ctx, 'save-heartbeat', null, auditDetail(input, config), now);
  return view(config);
}

/** What a resolver keeps back after the test's worst case: storing the outcome and answering. */
const TEST_RESERVE_MS = 5_000;

async function test(payload: unknown): Promise<HeartbeatOutcome> {
  const { which = 'success' } = parse(testPayload, payload);
  const [config, urls] = await Promise.all([heartbeat.get(), heartbeat.getUrls()]);
  const raw = urls?.[which];
  if (!config[which] || !raw) {
    const message = `There is no ${which} URL to test: enter one and save first.`;
    throw new ResolverFailure('NOT_FOUND', message);
  }
  const now = clock();
  const { remainingMs } = invocation();
  const deps = { fetch, remainingMs, reserveMs: TEST_RESERVE_MS };
  const outcome = outcomeOf('test', now, await sendPing(raw, config.method, testBody(now), deps));
  await heartbeat.saveOutcome(outcome);
  return outcome;
}

export const heartbeatHandlers: Pick<Handlers, 'getHeartbeat' | 'saveHeartbeat' | 'testHeartbeat'> =
  {
    getHeartbeat: () => view(),
    saveHeartbeat: save,
    testHeartbeat: test,
  };
