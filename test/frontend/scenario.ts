/**
 * One admin's Jira: three GitHub tokens checked by a real sweep against a GitHub double on
 * 127.0.0.1 — one healthy, one expiring in 5 days, one revoked — and the page routed to the
 * real resolvers as an admin. Import after ../support/ui.
 */
import type { LocalForge } from '../../local/forge-runtime';
import { record, seed, sweep } from '../support/app';
import { githubAppDouble, type GithubAppWorld } from '../support/github-app';
import { bearerToken, sendJson, startServer, type TestServer } from '../support/server';
import { routeTo, startAdminApp, unmount } from '../support/ui';

export const TOKENS = {
  ci: 'ghp_ciBotToken000000000000000000000001',
  release: 'ghp_releaseToken000000000000000000002',
  old: 'ghp_oldBotToken0000000000000000000003',
};

interface Account {
  login: string;
  id: number;
  expiresInDays?: number;
}

/**
 * GitHub's GET /user: the account for a token it knows, "Bad credentials" for any other. With
 * `apps.world` set, the same GitHub also answers a GitHub App's calls (see ../support/github-app).
 */
export class GitHubDouble {
  private constructor(
    readonly server: TestServer,
    readonly accounts: Map<string, Account>,
    readonly apps: { world: GithubAppWorld | null },
  ) {}

  static async start(): Promise<GitHubDouble> {
    const accounts = new Map<string, Account>();
    const apps: { world: GithubAppWorld | null } = { world: null };
    const server = await startServer((req, res) => {
      if (apps.world && req.path.startsWith('/app')) return githubAppDouble(apps.world)(req, res);
      const account = accounts.get(bearerToken(req) ?? '');
      if (!req.path.endsWith('/user')) return sendJson(res, 404, { message: 'Not Found' });
      if (!account) return sendJson(res, 401, { message: 'Bad credentials', status: '401' });
      sendJson(res, 200, { login: account.login, id: account.id, type: 'User' }, expiry(account));
    });
    return new GitHubDouble(server, accounts, apps);
  }

  get url(): string {
    return this.server.url;
  }
}

function expiry(account: Account): Record<string, string> {
  if (account.expiresInDays === undefined) return {};
  // Half a day past the whole days, so "5 days left" holds for the whole test.
  const at = new Date(Date.now() + (account.expiresInDays + 0.5) * 86_400_000);
  const text = `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return { 'GitHub-Authentication-Token-Expiration': text };
}

export interface Scenario {
  forge: LocalForge;
  github: GitHubDouble;
  stop(): Promise<void>;
}

export async function startScenario(): Promise<Scenario> {
  const github = await GitHubDouble.start();
  github.accounts.set(TOKENS.ci, { login: 'ci-bot', id: 101 });
  github.accounts.set(TOKENS.release, { login: 'release-bot', id: 102, expiresInDays: 5 });
  const forge = await startAdminApp([github.server]);
  const config = (name: string) => ({ kind: 'github-token' as const, name, baseUrl: github.url });
  await seed(forge, [
    { record: record('ci', config('CI bot')), secret: TOKENS.ci },
    { record: record('release', config('Release bot')), secret: TOKENS.release },
    { record: record('old', config('Old bot')), secret: TOKENS.old },
  ]);
  await sweep(forge);
  routeTo(forge);
  return {
    forge,
    github,
    async stop() {
      await unmount();
      await forge.stop();
      await github.server.close();
    },
  };
}
