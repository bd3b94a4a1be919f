// First: the local platform must be installed before the app's code loads @forge/api.
import { data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import {
  ADMIN_KEY,
  INVENTORY_SCOPES,
  ORG,
  keyItem,
  startAdminApi,
  type AdminApiDouble,
} from '../support/admin-api';

describe('checking the org Admin API key the inventory asks for', () => {
  let api: AdminApiDouble;
  let forge: LocalForge;
  beforeAll(async () => {
    api = await startAdminApi();
    forge = await startAdminApp([api]);
  });
  afterAll(async () => {
    await forge.stop();
    await api.close();
  });

  it('is healthy with only read:tokens:admin and read:keys:admin, and reads the key’s own expiry', async () => {
    const expiresAt = new Date(Date.now() + 200 * 86_400_000).toISOString();
    api.keyScopes = INVENTORY_SCOPES;
    api.keys = [keyItem(1), keyItem(2, { label: 'Token Health inventory', expiresAt })];
    const config = {
      kind: 'atlassian-admin-api-key',
      orgId: ORG,
      baseUrl: api.url,
      tokenId: 'Token Health inventory',
    };
    const outcome = await data(forge, 'testIntegration', { config, secret: ADMIN_KEY });
    // No date was typed: the one answered can only come from the listing.
    expect(outcome).toMatchObject({ verdict: 'healthy', expiresAt });
    expect(JSON.stringify(outcome)).not.toContain(ADMIN_KEY);
  });
});
