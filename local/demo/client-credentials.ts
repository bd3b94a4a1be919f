import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http';
import type { DemoRequest, TenantState } from './types';

const TOKEN_SECONDS = 3600;

export interface GrantSpec {
  client: { id: string; secret: string };
  /** Signing key of this service's tokens, and the prefix that names them. */
  key: string;
  prefix: string;
  tokenType: string;
  /** The scope the answer carries, from the request's form. */
  scope: (form: URLSearchParams) => string;
  /** Each service words its refusal of unknown credentials its own way. */
  refusal: string;
}

/**
 * An OAuth 2.0 client-credentials grant (RFC 6749 §4.4): the id and secret buy an hour's token,
 * with no refresh token; revoked or unknown credentials get 401 invalid_client (§5.2). Tokens are
 * signed, not stored: a token says when it ends, and a restarted demo still knows its own.
 */
export function clientCredentialsGrant(spec: GrantSpec) {
  const sign = (body: string) =>
    `${body}.${createHmac('sha256', spec.key).update(body).digest('hex').slice(0, 32)}`;
  return {
    live(token: string | null, state: TenantState): boolean {
      const body = token?.slice(0, token.lastIndexOf('.'));
      if (!token || !body || sign(body) !== token || state.revoked) return false;
      return Number(body.split('.')[1]) > Date.now();
    },
    token(req: DemoRequest, res: ServerResponse, state: TenantState): void {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'client_credentials') {
        return sendJson(res, 400, { error: 'unsupported_grant_type' });
      }
      const { id, secret } = spec.client;
      const known = form.get('client_id') === id && form.get('client_secret') === secret;
      if (!known || state.revoked) {
        return sendJson(res, 401, { error: 'invalid_client', error_description: spec.refusal });
      }
      sendJson(res, 200, {
        access_token: sign(`${spec.prefix}.${Date.now() + TOKEN_SECONDS * 1000}`),
        token_type: spec.tokenType,
        expires_in: TOKEN_SECONDS,
        scope: spec.scope(form),
      });
    },
  };
}
