import type { LocalForge } from '../../local/forge-runtime';
import type { IntegrationConfig } from '../../src/domain/integration';
import { data } from '../resolvers/support';
import { record, seed } from '../support/app';
import {
  SA_SITE,
  startAtlassianServiceAccounts,
  type AtlassianServiceAccounts,
} from '../support/atlassian-service-accounts';
import { startDatacenterOauth2, type DatacenterOauth2 } from '../support/datacenter-oauth2';
import {
  appKeyPair,
  githubAppDouble,
  githubAppWorld,
  type GithubAppWorld,
} from '../support/github-app';
import { startServer, type TestServer } from '../support/server';
import { inDays, type Reply } from './support';

/**
 * Stands between the app and a service double: forwards every request unchanged, except that it
 * swallows the next `hang` requests whose path matches `hangPath` and never answers them, as a
 * token endpoint that times out does.
 */
export interface Relay extends TestServer {
  hang(times: number, path: RegExp): void;
}

async function relay(target: string): Promise<Relay> {
  let left = 0;
  let pattern = /$^/;
  const server = await startServer(async (req, res) => {
    if (left > 0 && pattern.test(req.path)) {
      left -= 1;
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'x-github-api-version']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const answer = await fetch(`${target}${req.path}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: req.body } : {}),
    });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
    });
    res.writeHead(answer.status, out);
    res.end(await answer.text());
  });
  return {
    ...server,
    hang: (times, path) => {
      left = times;
      pattern = path;
    },
  };
}

/** The three kinds whose tokens are minted for vending, each on its double behind a relay. */
export type MintedKind = 'github-app' | 'atlassian-service-account' | 'datacenter-oauth2-client';

/** Where each kind's token request goes: the path a relay can make time out. */
export const TOKEN_PATH: Record<MintedKind, RegExp> = {
  'github-app': /\/access_tokens$/,
  'atlassian-service-account': /^\/oauth\/token$/,
  'datacenter-oauth2-client': /\/rest\/oauth2\/latest\/token$/,
};

export class MintedServices {
  private constructor(
    readonly appKey: ReturnType<typeof appKeyPair>,
    readonly github: GithubAppWorld,
    readonly githubServer: TestServer,
    readonly sa: AtlassianServiceAccounts,
    readonly dc: DatacenterOauth2,
    readonly relays: Record<MintedKind, Relay>,
  ) {}

  static async start(): Promise<MintedServices> {
    const key = appKeyPair();
    const github = githubAppWorld(key.publicKey, () => new Date());
    const githubServer = await startServer(githubAppDouble(github));
    const sa = await startAtlassianServiceAccounts(() => Date.now());
    const dc = await startDatacenterOauth2();
    const relays = {
      'github-app': await relay(githubServer.url),
      'atlassian-service-account': await relay(sa.url),
      'datacenter-oauth2-client': await relay(dc.url),
    };
    return new MintedServices(key, github, githubServer, sa, dc, relays);
  }

  /** Every server the app may reach. */
  servers(): TestServer[] {
    return [this.githubServer, this.sa, this.dc, ...Object.values(this.relays)];
  }

  async close(): Promise<void> {
    await Promise.all(this.servers().map((s) => s.close()));
  }

  /** Tokens each double issued so far: one per mint. */
  mints(kind: MintedKind): number {
    if (kind === 'github-app') return this.github.minted.length;
    const double = kind === 'atlassian-service-account' ? this.sa : this.dc;
    return double.tokenRequests().length;
  }

  /** A new credential of the kind, on its double; its config goes through the kind's relay. */
  credential(kind: MintedKind): { config: IntegrationConfig; secret: string; hidden: string[] } {
    const via = this.relays[kind].url;
    if (kind === 'github-app') {
      const config = { kind, baseUrl: via, appId: String(this.github.app.id), account: 'acme' };
      const body = this.appKey.pem.split('\n').filter((l) => l && !l.startsWith('-----'));
      return { config, secret: this.appKey.pem, hidden: [this.appKey.pem, ...body] };
    }
    if (kind === 'atlassian-service-account') {
      const made = this.sa.create();
      const config = {
        kind,
        baseUrl: via,
        tokenUrl: `${via}/oauth/token`,
        cloudId: SA_SITE.id,
        expiresAt: inDays(180),
      };
      return { config, secret: JSON.stringify(made), hidden: [made.clientSecret] };
    }
    const made = this.dc.create();
    const config = { kind, baseUrl: `${via}/jira` };
    return { config, secret: JSON.stringify(made), hidden: [made.clientSecret] };
  }

  /** Whether the service still takes the token, asked the way a consumer would use it. */
  async works(kind: MintedKind, token: string): Promise<boolean> {
    const auth = { Authorization: `Bearer ${token}` };
    if (kind === 'github-app') {
      return this.github.minted.includes(token) && !this.github.revoked.includes(token);
    }
    const url =
      kind === 'atlassian-service-account'
        ? `${this.sa.url}/ex/jira/${SA_SITE.id}/rest/api/3/myself`
        : `${this.dc.base}/rest/api/2/myself`;
    return (await fetch(url, { headers: auth })).status === 200;
  }
}

let made = 0;

/** An integration of `kind` stored as the admin saved it, with a consumer key made on the page. */
export async function vendable(forge: LocalForge, services: MintedServices, kind: MintedKind) {
  made += 1;
  const id = `${kind}-${made}`;
  const { config, secret, hidden } = services.credential(kind);
  await seed(forge, [{ record: record(id, { ...config, name: `${kind} ${made}` }), secret }]);
  const key = await data(forge, 'createConsumerKey', {
    integrationId: id,
    name: 'CI deploy',
    expiresAt: inDays(90),
    ratePerHour: 100,
  });
  return { id, key: key.secret, hidden };
}

export async function draw(forge: LocalForge, key: string, integration: string): Promise<Reply> {
  return forge.callWebTrigger(forge.webTriggerUrl('token-vending'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({ integration }),
  });
}
