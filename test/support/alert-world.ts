// The local platform must install its globals before any @forge/* module loads.
import { LocalForge, type ProductDouble, type QueueOptions } from '../../local/forge-runtime';
import { platform } from '../../local/forge-runtime/platform';
import type {
  ChannelInput,
  ChannelView,
  Envelope,
  ResolverMap,
} from '../../src/resolvers/contract';
import { verifyWebhookSignature } from '../../src/notify/webhook';
import { deliveryLog, type DeliveryLogEntry } from '../../src/storage/deliveries';
import { FakeJira } from '../notify/jira-double';
import { APP_DIR, appHandlers, record, seed } from './app';
import { bearerToken, sendJson, startServer, type TestServer } from './server';

export const ADMIN = 'acc-admin';
export const OWNER = '5b10ac8d82e05b22cc7d4ef5';
export const SITE = 'https://acme.atlassian.net';
/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const SIGNING_KEY = 'whsec_ZRwVQVOCGsjMTgAtgiEWd3/NiElDqMMF2ZshLGiBVlw=';
export const SLACK_HOOK = 'https://hooks.slack.com/services/T0ALERT/B0WORLD/slackHookToken42';
/** A Teams Workflows trigger URL where Microsoft serves them since 2025-11-30. */
export const TEAMS_HOOK =
  'https://default0a1b2c3d.09.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/a1b2/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=teamsSig0123456789';

/** One request a stand-in service received, with the (fake) time it arrived. */
export interface Received {
  at: number;
  body: Record<string, unknown>;
  /** The webhook receiver's verdict on the signature. */
  verified?: boolean;
  /** As received, for a verifier of its own: the raw body and the headers. */
  raw?: string;
  headers?: Record<string, string>;
}

/** A GitHub token as the double knows it: accepted until revoked, expiring at `expiresAt`. */
export interface Token {
  revoked?: boolean;
  down?: boolean;
  expiresAt: number;
}

/** "2027-01-02 12:00:00 UTC", as GitHub sends GitHub-Authentication-Token-Expiration. */
const githubDate = (ms: number) =>
  `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/**
 * The app on the local Forge runtime with every outside party it alerts: a GitHub double whose
 * tokens expire, Slack and Teams doubles reached through their real (declared) hosts, a webhook
 * receiver that verifies signatures, and the Jira double for issues and mail.
 */
export class AlertWorld {
  readonly tokens = new Map<string, Token>();
  readonly slack: Received[] = [];
  readonly teams: Received[] = [];
  readonly hook: Received[] = [];
  readonly jira = new FakeJira();
  /** How many of the next Slack posts get a 503. */
  readonly faults = { slack: 0 };
  forge!: LocalForge;
  private servers: TestServer[] = [];

  /** `extra`: more local servers the app may reach (declared as egress for this run). */
  static async start(extra: TestServer[] = [], queue?: QueueOptions): Promise<AlertWorld> {
    const world = new AlertWorld();
    const github = await startServer((req, res) => {
      const token = world.tokens.get(bearerToken(req) ?? '');
      if (token?.down) return sendJson(res, 503, { message: 'Service unavailable' });
      if (!token || token.revoked) return sendJson(res, 401, { message: 'Bad credentials' });
      sendJson(
        res,
        200,
        { login: 'ci-bot', id: 7 },
        {
          'GitHub-Authentication-Token-Expiration': githubDate(token.expiresAt),
        },
      );
    });
    const slack = await startServer((req, res) => {
      if (world.faults.slack > 0) {
        world.faults.slack -= 1;
        res.writeHead(503).end('service unavailable');
        return;
      }
      world.slack.push({ at: Date.now(), body: JSON.parse(req.body) });
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
    // A workflow queues its run and answers 202 with no body before it posts the card.
    const teams = await startServer((req, res) => {
      world.teams.push({ at: Date.now(), body: JSON.parse(req.body) });
      res.writeHead(202).end();
    });
    const hook = await startServer((req, res) => {
      const check = verifyWebhookSignature(req.body, req.headers, SIGNING_KEY, new Date());
      world.hook.push({
        at: Date.now(),
        body: JSON.parse(req.body),
        verified: check.ok,
        raw: req.body,
        headers: req.headers as Record<string, string>,
      });
      res.writeHead(check.ok ? 204 : 401).end();
    });
    world.servers = [github, slack, teams, hook];
    world.forge = await LocalForge.start({
      appDir: APP_DIR,
      loadHandlers: appHandlers(),
      extraEgress: [github.url, hook.url, ...extra.map((s) => s.url)],
      product: productDouble(world.jira),
      outboundFetch: routeHooks(slack, teams),
      ...(queue ? { queue } : {}),
    });
    return world;
  }

  get githubUrl(): string {
    return this.servers[0]!.url;
  }

  get hookUrl(): string {
    return `${this.servers[3]!.url}/token-health`;
  }

  async stop(): Promise<void> {
    await this.forge.stop();
    await Promise.all(this.servers.map((s) => s.close()));
  }

  /** A resolver call from the admin page on SITE, through the guard: its envelope. */
  answer<K extends keyof ResolverMap>(
    key: K,
    payload: unknown,
  ): Promise<Envelope<ResolverMap[K]['data']>> {
    return this.forge.invokeResolver(
      'resolver',
      { call: { functionKey: key, payload }, context: { siteUrl: SITE } },
      { accountId: ADMIN },
    ) as Promise<Envelope<ResolverMap[K]['data']>>;
  }

  /** The data of a resolver call that must succeed. */
  async call<K extends keyof ResolverMap>(
    key: K,
    payload: ResolverMap[K]['payload'],
  ): Promise<ResolverMap[K]['data']> {
    const answer = await this.answer(key, payload);
    if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer.error)}`);
    return answer.data;
  }

  /** The five channels of the issue: Jira issue and email, Slack, Teams, a signed webhook. */
  async everyChannel(): Promise<Record<string, ChannelView>> {
    const common = { enabled: true, role: 'primary', digest: false } as const;
    const save = (input: ChannelInput) => this.call('saveChannel', input);
    return {
      issue: await save({
        config: {
          ...common,
          type: 'jira-issue',
          name: 'Ops issues',
          projectKey: 'OPS',
          issueType: 'Task',
          assignOwner: true,
        },
      }),
      mail: await save({
        config: {
          ...common,
          type: 'jira-email',
          name: 'Mail',
          notifyOwner: true,
          groupName: 'jira-admins',
        },
      }),
      slack: await save({
        config: { ...common, type: 'slack', name: 'Slack' },
        secret: SLACK_HOOK,
      }),
      teams: await save({
        config: { ...common, type: 'teams', name: 'Teams' },
        secret: TEAMS_HOOK,
      }),
      hook: await save({
        config: { ...common, type: 'webhook', name: 'Receiver', url: this.hookUrl },
        secret: SIGNING_KEY,
      }),
    };
  }

  /** A GitHub token integration owned by OWNER, checked hourly, whose token is `token`. */
  async integration(id: string, token: string, extra: Parameters<typeof record>[2] = {}) {
    const rec = record(
      id,
      { kind: 'github-token', name: 'CI bot', baseUrl: this.githubUrl },
      { ownerAccountId: OWNER, interval: '1h', ...extra },
    );
    await seed(this.forge, [{ record: rec, secret: token }]);
    return rec;
  }

  /** One scheduled run, every check it queued and every delivery those queued, retries due. */
  async sweep(): Promise<void> {
    await this.forge.runScheduledTrigger('sweep-trigger');
    await this.forge.drainQueues();
  }

  /** The delivery log, oldest first. */
  async log(): Promise<DeliveryLogEntry[]> {
    const entries: DeliveryLogEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.forge.run(() => deliveryLog.page(cursor));
      entries.push(...page.entries);
      cursor = page.cursor;
    } while (cursor);
    return entries.reverse();
  }
}

/** The Jira double behind requestJira; the admin guard's permission check answered here. */
function productDouble(jira: FakeJira): ProductDouble {
  return async (req) => {
    if (req.path.startsWith('/rest/api/3/mypermissions')) {
      const havePermission = req.asUser === ADMIN;
      return { status: 200, body: { permissions: { ADMINISTER: { havePermission } } } };
    }
    if (req.provider !== 'app')
      return { status: 403, body: { errorMessages: ['as the app only'] } };
    const method = req.method as 'GET' | 'POST' | 'PUT';
    const answer = await jira.port(method, req.path, req.body ? JSON.parse(req.body) : undefined);
    return { status: answer.status, ...(answer.body === null ? {} : { body: answer.body }) };
  };
}

/**
 * The real Slack and Teams hosts (declared egress) answered by the local stand-ins. Node's own
 * fetch: inside an invocation the global one is the platform's, which would come back here.
 */
function routeHooks(slack: TestServer, teams: TestServer): typeof fetch {
  const { nativeFetch } = platform();
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const target =
      url.hostname === 'hooks.slack.com'
        ? slack.url
        : url.hostname.endsWith('.environment.api.powerplatform.com')
          ? teams.url
          : null;
    return nativeFetch(target ? `${target}${url.pathname}${url.search}` : input, init);
  };
}
