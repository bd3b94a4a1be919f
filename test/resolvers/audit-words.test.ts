import type { LocalForge } from '../../local/forge-runtime';
import { data, startAdminApp } from './support';

/** What the audit log records of an edit, through the real resolvers on the local runtime. */
describe('the audit entry of an edit', () => {
  let forge: LocalForge;
  beforeEach(async () => {
    forge = await startAdminApp([]);
  });
  afterEach(() => forge.stop());

  const SECRET = 'ghp_firstToken00000000000000000000000001';
  const inDays = (days: number) =>
    new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const [FIRST, LATER] = [inDays(200), inDays(400)];
  const config = { kind: 'github-token', name: 'CI bot', expiresAt: FIRST };
  const entries = async () => (await data(forge, 'getAuditLog', {})).entries;
  const create = async () =>
    (await data(forge, 'createIntegration', { config, secret: SECRET })).id;

  it('is not written when the save changes nothing', async () => {
    const id = await create();
    await data(forge, 'updateIntegration', { id, config });
    await data(forge, 'updateIntegration', { id, config, secret: SECRET });
    expect((await entries()).map((e) => e.action)).toEqual(['create']);
  });

  it('names each changed field with its values where they are short', async () => {
    const id = await create();
    const edited = { ...config, name: 'CI robot', expiresAt: LATER, organization: 'acme' };
    await data(forge, 'updateIntegration', { id, config: edited, interval: '6h' });
    const [latest] = await entries();
    expect(latest).toMatchObject({ action: 'update', integrationId: id });
    expect(latest?.detail).toBe(
      `“CI robot” (GitHub token, secret …0001): name “CI bot” → “CI robot”, expiry date ${FIRST} → ${LATER}, GitHub organisation changed, interval 1h → 6h`,
    );
  });

  it('records a new secret even when its fingerprint is the same as the old one', async () => {
    const id = await create();
    const other = 'ghp_secondToken0000000000000000000000001';
    await data(forge, 'updateIntegration', { id, config, secret: other });
    expect((await entries())[0]?.detail).toBe(
      '“CI bot” (GitHub token, secret …0001): secret replaced (same fingerprint …0001)',
    );
  });
});
