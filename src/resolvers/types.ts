import type { ResolverKey, ResolverMap } from './contract';

export interface CallContext {
  accountId: string;
  /** The Jira site the page runs on, as the platform reports it: alerts link back to it. */
  siteUrl?: string;
}

/** A resolver's handler: it validates its own payload, which arrives untrusted. */
export type Handler<K extends ResolverKey> = (
  payload: unknown,
  context: CallContext,
) => Promise<ResolverMap[K]['data']>;

export type Handlers = { [K in ResolverKey]: Handler<K> };
