// A real OAuth 2.0 authorization server (oidc-provider v9, ESM-only) for the OAuth keeper tests.
// Runs in its own process; prints one JSON line {"url","client","resourceServer"} once it listens.
//
// It behaves like auth.atlassian.com where it matters: the token endpoint is /oauth/token, refresh
// tokens rotate on every use, and presenting an already-rotated refresh token revokes the whole
// grant (oidc-provider's reuse detection). A few test-only /__admin routes mint a consented grant
// (no browser) and count what the token endpoint did.
import http from 'node:http';
import Provider from 'oidc-provider';

const CLIENT = { id: 'token-health-app', secret: 'app-client-secret-0001' };
const RESOURCE_SERVER = { id: 'atlassian-api', secret: 'resource-server-secret-0001' };
const SCOPES = ['offline_access', 'read:jira-work', 'read:jira-user', 'read:me'];
const DAY = 86_400;

const stats = { refreshes: 0, errors: [] };

function configuration() {
  return {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['https://token-health.example/callback'],
        // The keeper sends client_id/client_secret in a form body, as Atlassian accepts.
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: RESOURCE_SERVER.id,
        client_secret: RESOURCE_SERVER.secret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: SCOPES,
    features: { introspection: { enabled: true, allowedPolicy: async () => true } },
    routes: { token: '/oauth/token', introspection: '/oauth/introspect' },
    // Always rotate, as Atlassian's rotating refresh tokens do (the default rotates only late).
    rotateRefreshToken: true,
    ttl: { AccessToken: 3600, RefreshToken: 90 * DAY, Grant: 365 * DAY, Session: DAY },
    cookies: { keys: ['oidc-test-cookie-key'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  };
}

/** A consented offline_access grant and its first refresh token, as the 3LO code exchange leaves. */
async function mintGrant(provider, accountId, scope) {
  const client = await provider.Client.find(CLIENT.id);
  const grant = new provider.Grant({ accountId, clientId: CLIENT.id });
  grant.addOIDCScope(scope);
  const grantId = await grant.save();
  const refreshToken = new provider.RefreshToken({
    accountId,
    client,
    grantId,
    gty: 'authorization_code',
    scope,
    expiresWithSession: false,
  });
  return { refreshToken: await refreshToken.save(), grantId };
}

async function admin(provider, req, res) {
  const url = new globalThis.URL(req.url, 'http://local');
  const reply = (status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/__admin/grant' && req.method === 'POST') {
    const account = url.searchParams.get('account') ?? 'account-1';
    const scope = url.searchParams.get('scope') ?? SCOPES.join(' ');
    return reply(200, await mintGrant(provider, account, scope));
  }
  if (url.pathname === '/__admin/stats') {
    reply(200, stats);
    if (url.searchParams.has('reset')) Object.assign(stats, { refreshes: 0, errors: [] });
    return;
  }
  reply(404, { error: 'no such admin route' });
}

async function main() {
  let handler = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, configuration());
  provider.on('grant.success', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') stats.refreshes += 1;
  });
  provider.on('grant.error', (_ctx, err) =>
    stats.errors.push({ error: err.error ?? String(err), detail: err.error_detail ?? '' }),
  );
  const callback = provider.callback();
  handler = (req, res) => {
    if (req.url?.startsWith('/__admin/')) {
      admin(provider, req, res).catch((err) => {
        res.writeHead(500);
        res.end(String(err));
      });
      return;
    }
    callback(req, res);
  };
  // The parent holds our stdin open; when it goes away (even by crashing), so do we.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  const hello = { url: issuer, client: CLIENT, resourceServer: RESOURCE_SERVER };
  process.stdout.write(`${JSON.stringify(hello)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
