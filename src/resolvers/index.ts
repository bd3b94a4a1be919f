import Resolver from '@forge/resolver';
import type { ResolverKey } from './contract';
import { enveloped } from './envelope';
import { assertJiraAdmin } from './guard';
import { handlers } from './handlers';

const resolver = new Resolver();

/** The page's site, if it looks like one: it becomes the link in every alert. */
function siteOf(value: unknown): { siteUrl?: string } {
  return typeof value === 'string' && /^https:\/\/[a-z0-9.-]+$/i.test(value)
    ? { siteUrl: value }
    : {};
}

/** Every resolver goes through here: the admin guard once, then the handler, in one envelope. */
for (const key of Object.keys(handlers) as ResolverKey[]) {
  resolver.define(key, ({ payload, context }) =>
    enveloped(async () => {
      const { accountId, siteUrl } = context as { accountId?: string; siteUrl?: unknown };
      await assertJiraAdmin(accountId);
      return handlers[key](payload, { accountId: accountId as string, ...siteOf(siteUrl) });
    }),
  );
}

export const resolverHandler = resolver.getDefinitions();
