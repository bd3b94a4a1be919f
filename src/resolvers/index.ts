import Resolver from '@forge/resolver';
import type { ResolverKey } from './contract';
import { enveloped } from './envelope';
import { assertJiraAdmin } from './guard';
import { handlers } from './handlers';

const resolver = new Resolver();

/** Every resolver goes through here: the admin guard once, then the handler, in one envelope. */
for (const key of Object.keys(handlers) as ResolverKey[]) {
  resolver.define(key, ({ payload, context }) =>
    enveloped(async () => {
      const accountId = (context as { accountId?: string }).accountId;
      await assertJiraAdmin(accountId);
      return handlers[key](payload, { accountId: accountId as string });
    }),
  );
}

export const resolverHandler = resolver.getDefinitions();
