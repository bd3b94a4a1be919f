/**
 * A GitHub App installation token for vending: the app's JWT finds the installation (suspended
 * or uninstalled ones mint nothing) and `POST /app/installations/{id}/access_tokens` mints a token
 * with only the permissions the integration names; GitHub answers 201 with `token` and its
 * `expires_at`, an hour ahead (docs.github.com, "Generating an installation access token for a
 * GitHub App"; REST "Create an installation access token for an app").
 */
import { field, parseDate, readJson, str } from '../probes/interpret';
import {
  accessTokenRequest,
  appRequest,
  findInstallation,
  judgeApp,
  judgeToken,
  MAX_PAGES,
} from '../probes/kinds/github-app';
import { SERVICE } from '../probes/kinds/github-answers';
import { parseAppKey, signAppJwt } from '../probes/kinds/github-app-key';
import { revokeTokenRequest } from '../probes/kinds/github-app-revoke';
import type { MintContext, Minter } from './minter';

const NO_END = `${SERVICE} minted an installation token without the expires_at it always gives, so it was revoked and not handed out`;

export const githubAppMinter: Minter = {
  // /app, the installations pages, the mint, and the revoke of a token that cannot be kept.
  maxRequests: 1 + MAX_PAGES + 2,
  async mint(ctx) {
    const { config, http, now } = ctx;
    const key = parseAppKey(ctx.raw);
    if (!key.ok) return { ok: false, reason: key.error };
    key.sensitive.forEach((s) => http.redactor.add(s));
    const jwt = await signAppJwt(key.secret, config.appId ?? '', now);
    http.redactor.add(jwt);
    const app = judgeApp(await http.send(appRequest(config, jwt)), now);
    if (app.verdict !== 'healthy') return { ok: false, reason: app.message };
    const inst = await findInstallation(http, config, jwt, now);
    if ('verdict' in inst) return { ok: false, reason: inst.message };
    const res = await http.send(accessTokenRequest(config, jwt, inst.id));
    const body = res.status === 201 ? readJson(res, SERVICE) : null;
    const token = body?.ok ? str(field(body.value, 'token')) : undefined;
    http.redactor.add(token);
    const judged = judgeToken(res, config, inst, now);
    const end = body?.ok ? parseDate(field(body.value, 'expires_at')) : null;
    if (token && judged.verdict === 'healthy' && end) {
      return { ok: true, accessToken: token, expiresAt: end };
    }
    if (token) await revoke(ctx, token);
    return { ok: false, reason: judged.verdict === 'healthy' ? NO_END : judged.message };
  },
  discard: revoke,
};

/** `DELETE /installation/token` with the token itself: only that token dies. */
async function revoke(ctx: MintContext, token: string): Promise<void> {
  await ctx.http.send(revokeTokenRequest(ctx.config, token)).catch(() => undefined);
}
