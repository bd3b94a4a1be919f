import type { LocalForge } from '../../local/forge-runtime';
import { startAtlassianAuth, type AtlassianAuth } from '../support/atlassian-auth';
import { record, seed } from '../support/app';
import { data, startAdminApp } from '../resolvers/support';

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The vending web trigger of the app on the local runtime, with kept Atlassian grants on the
 * token endpoint double (test/support/atlassian-auth) and consumer keys made through the real
 * resolvers. Every reply is kept, so a test can say what never appeared in any answer.
 */
export class VendingWorld {
  readonly replies: Reply[] = [];
  private grants = 0;

  constructor(
    readonly forge: LocalForge,
    readonly auth: AtlassianAuth,
  ) {}

  static async auth(): Promise<AtlassianAuth> {
    return startAtlassianAuth(() => Date.now());
  }

  /** The admin app on the local runtime beside a token endpoint double of its own. */
  static async start(): Promise<VendingWorld> {
    const auth = await VendingWorld.auth();
    return new VendingWorld(await startAdminApp([auth]), auth);
  }

  async stop(): Promise<void> {
    await this.forge.stop();
    await this.auth.close();
  }

  /** A kept grant, stored as the admin would have saved it; returns its id and secret. */
  async grant(): Promise<{ id: string; refreshToken: string }> {
    this.grants += 1;
    const id = `grant-${this.grants}`;
    const refreshToken = this.auth.consent();
    const secret = JSON.stringify({
      clientId: this.auth.client.id,
      clientSecret: this.auth.client.secret,
      refreshToken,
    });
    const config = {
      kind: 'atlassian-oauth2' as const,
      name: `Kept grant ${this.grants}`,
      mode: 'keep' as const,
      baseUrl: this.auth.url,
      tokenUrl: this.auth.tokenUrl,
      refreshReuseMinutes: 10,
    };
    await seed(this.forge, [{ record: record(id, config), secret }]);
    return { id, refreshToken };
  }

  async key(integrationId: string, extra: Record<string, unknown> = {}) {
    const payload = { integrationId, name: 'CI deploy', expiresAt: inDays(90), ...extra };
    return data(this.forge, 'createConsumerKey', payload);
  }

  async draw(key: string | null, integration: string, body?: string): Promise<Reply> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (key !== null) headers.Authorization = `Bearer ${key}`;
    const reply = await this.forge.callWebTrigger(this.forge.webTriggerUrl('token-vending'), {
      method: 'POST',
      headers,
      body: body ?? JSON.stringify({ integration }),
    });
    this.replies.push(reply);
    return reply;
  }

  /** Whether the double still takes the access token: the grant is alive. */
  async works(accessToken: string): Promise<boolean> {
    const res = await fetch(`${this.auth.url}/oauth/token/accessible-resources`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    return res.status === 200;
  }
}

export const json = (reply: Reply) => JSON.parse(reply.body) as Record<string, string>;
