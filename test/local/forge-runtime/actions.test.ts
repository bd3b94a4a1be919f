// The LocalForge runtime must be imported before anything importing @forge/*.
import { join } from 'node:path';
import { LocalForge, type ProductRequest } from '../../../local/forge-runtime';
import * as app from '../fixtures/rovo/src';

const seen: ProductRequest[] = [];
let forge: LocalForge;

beforeAll(async () => {
  forge = await LocalForge.start({
    appDir: join(__dirname, '../fixtures/rovo'),
    loadHandlers: () => app,
    cloudId: 'cloud-1',
    product: (req) => {
      seen.push(req);
      return { status: 200, body: { accountId: req.asUser } };
    },
  });
});
afterAll(() => forge.stop());

describe('Rovo actions on the local runtime', () => {
  it('passes the inputs as top-level keys beside context, as the user chatting', async () => {
    const jira = {
      url: 'https://acme.atlassian.net/browse/OPS-1',
      resourceType: 'issue',
      issueKey: 'OPS-1',
    };
    const answer = await forge.invokeAction(
      'echo',
      { question: 'why?' },
      { accountId: 'acc-1', jira },
    );
    expect(answer).toEqual({
      payload: { question: 'why?', context: { cloudId: 'cloud-1', moduleKey: 'echo', jira } },
      principal: { accountId: 'acc-1' },
      jira: 200,
    });
    expect(seen.at(-1)?.asUser).toBe('acc-1');
    expect(forge.invocations.at(-1)).toMatchObject({
      functionKey: 'echo-fn',
      moduleKey: 'echo',
      moduleType: 'action',
      accountId: 'acc-1',
      outcome: 'success',
    });
  });

  it('leaves out context.jira outside Jira and the principal when no one is signed in', async () => {
    const answer = (await forge.invokeAction('echo', { question: 'x' })) as Record<string, unknown>;
    expect(answer.payload).toEqual({
      question: 'x',
      context: { cloudId: 'cloud-1', moduleKey: 'echo' },
    });
    expect(answer.principal).toBeNull();
    expect(answer.jira).toBe('NEEDS_AUTHENTICATION_ERR');
  });

  it('refuses an action or an input the manifest does not declare: Rovo sends neither', async () => {
    await expect(forge.invokeAction('nope')).rejects.toThrow(
      "manifest.yml declares no action 'nope'",
    );
    await expect(forge.invokeAction('echo', { other: 1 })).rejects.toThrow(
      "action 'echo' declares no input other",
    );
  });
});
