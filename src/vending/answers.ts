/** What the vending web trigger answers, in Forge's web trigger response format. */
export interface TriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

/** Never cached anywhere on the way: a token answer is a secret. */
const COMMON = { 'Content-Type': ['application/json'], 'Cache-Control': ['no-store'] };

export function answer(
  statusCode: number,
  body: Record<string, unknown>,
  extra: Record<string, string[]> = {},
): TriggerResponse {
  return { statusCode, headers: { ...COMMON, ...extra }, body: JSON.stringify(body) };
}

const refusal = (status: number, error: string, message: string, extra = {}) =>
  answer(status, { error, message }, extra);

/** One answer for a missing, unknown, expired or revoked key: nothing tells them apart. */
export const unauthorized = () =>
  refusal(401, 'unauthorized', 'a valid consumer key is required', {
    'WWW-Authenticate': ['Bearer realm="token-health"'],
  });

/** The same whether or not the integration exists. */
export const forbidden = () =>
  refusal(403, 'forbidden', 'this consumer key may not draw tokens for that integration');

export const badRequest = (message: string) => refusal(400, 'bad_request', message);

export const methodNotAllowed = () =>
  refusal(405, 'method_not_allowed', 'draw a token with POST', { Allow: ['POST'] });

export const conflict = (message: string) => refusal(409, 'grant_unavailable', message);

export const tooMany = (retryAfterSeconds: number) =>
  refusal(
    429,
    'rate_limited',
    `this consumer key drew its hourly limit of tokens; try again in ${retryAfterSeconds} s`,
    { 'Retry-After': [String(retryAfterSeconds)] },
  );

export const unavailable = () =>
  refusal(503, 'unavailable', 'Token Health could not answer just now; try again shortly', {
    'Retry-After': ['30'],
  });
