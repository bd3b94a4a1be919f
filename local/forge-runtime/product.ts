import { headersToRecord, type Reply } from './http';
import type { ForgeDescriptor, InvocationState } from './platform';

export type ProductName = 'jira' | 'confluence' | 'bitbucket' | 'stargate';

/** A product REST call as the local Jira/Confluence double sees it. */
export interface ProductRequest {
  product: ProductName;
  /** 'none' is the top-level requestJira (neither asApp nor asUser). */
  provider: 'app' | 'user' | 'none';
  /** The account the call is made as; null when made as the app. */
  asUser: string | null;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The invocation making the call, for doubles that want to assert on it. */
  invocationId?: string;
}

export interface ProductResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string is sent as is, anything else as JSON. */
  body?: unknown;
}

export type ProductDouble = (req: ProductRequest) => ProductResponse | Promise<ProductResponse>;

/** A proxy-level error: @forge/api throws ProxyRequestError / NeedsAuthenticationError for it. */
export function proxyError(status: number, code: string, message: string): Reply {
  return { status, headers: { 'forge-proxy-error': code }, body: { code, message } };
}

/**
 * requestJira / requestConfluence / requestBitbucket / requestAtlassian (descriptor type 'fpp',
 * FORGE-PLATFORM.md 2.1) routed to the double. asUser() without an id acts as the invoking user;
 * with no user to act as (scheduled trigger, consumer) the proxy answers NEEDS_AUTHENTICATION_ERR.
 */
export async function productRequest(
  double: ProductDouble | undefined,
  descriptor: ForgeDescriptor,
  path: string,
  init: RequestInit | undefined,
  body: string | undefined,
  state: InvocationState | undefined,
): Promise<Reply> {
  const provider = (descriptor.provider ?? 'none') as ProductRequest['provider'];
  const product = productOf(descriptor);
  const asUser =
    provider === 'user'
      ? ((descriptor.accountId as string | undefined) ?? state?.accountId ?? null)
      : null;
  if (provider === 'user' && !asUser) {
    return proxyError(401, 'NEEDS_AUTHENTICATION_ERR', 'asUser() called with no invoking user');
  }
  if (!double) {
    return proxyError(501, 'LOCAL_FORGE_NO_PRODUCT_DOUBLE', `no product double for ${product}`);
  }
  const res = await double({
    product,
    provider,
    asUser,
    method: (init?.method ?? 'GET').toUpperCase(),
    path,
    headers: headersToRecord(init?.headers),
    body,
    invocationId: state?.invocationId,
  });
  return { status: res.status, headers: res.headers, body: res.body };
}

// withContext(contextAri) sends no remote: the product is named by the ARI.
function productOf(descriptor: ForgeDescriptor): ProductName {
  if (typeof descriptor.remote === 'string') return descriptor.remote as ProductName;
  const ari = String(descriptor.contextAri ?? '');
  if (ari.startsWith('ari:cloud:confluence')) return 'confluence';
  if (ari.startsWith('ari:cloud:bitbucket')) return 'bitbucket';
  return 'jira';
}
