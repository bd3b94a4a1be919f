import { CREDENTIAL_KIND_LABEL, ORG_TOKEN_KIND_LABEL } from '../../src/domain/kind-labels';
import { tokenName } from '../../src/domain/inventory-alerts';
import type { OrgToken } from '../../src/domain/inventory';
import { KIND_LABEL } from '../../src/frontend/components/inventory/labels';
import { KINDS } from '../../src/frontend/kinds';
import { PROBES } from '../../src/probes/registry';

describe('one name per kind', () => {
  it('the form, the table and the probes name each credential kind alike', () => {
    for (const [kind, label] of Object.entries(CREDENTIAL_KIND_LABEL)) {
      expect([kind, KINDS[kind as keyof typeof KINDS].label]).toEqual([kind, label]);
      expect([kind, PROBES[kind as keyof typeof PROBES].label]).toEqual([kind, label]);
    }
  });

  it('the inventory tab and its alerts name each token kind alike', () => {
    expect(KIND_LABEL).toEqual(ORG_TOKEN_KIND_LABEL);
    const token = { kind: 'api-token', id: 't1', label: 'deploy', owner: { name: 'Ann' } };
    expect(tokenName(token as OrgToken)).toBe(
      `${ORG_TOKEN_KIND_LABEL['api-token']} "deploy" of Ann`,
    );
  });
});
