import { parseIntegrationConfig } from '../../../src/domain/integration-input';
import type { CheckResult } from '../../../src/domain/result';
import { runProbe } from '../../../src/probes/engine';
import type { FetchLike } from '../../../src/http/client';
import { MemoryGrantStore } from '../../../src/probes/oauth/grant-store';
import type { Tenant } from '../../../local/demo/http';

/**
 * Checks a demo integration with the app's real engine, as the CLI does: Node's fetch, the real
 * clock, and a grant store per tenant so a kept OAuth grant's rotation carries across checks.
 */
export function probeDemo(tenant: Tenant, requestTimeoutMs = 2000): Promise<CheckResult> {
  const input = tenant.spec.integration(tenant.base);
  const parsed = parseIntegrationConfig(input.config);
  if (!parsed.ok) throw new Error(`bad demo config: ${JSON.stringify(parsed.errors)}`);
  return runProbe(parsed.value, input.secret, {
    fetch: globalThis.fetch as unknown as FetchLike,
    now: () => new Date(),
    grants: grantsOf(tenant),
    requestTimeoutMs,
  });
}

const stores = new WeakMap<Tenant, MemoryGrantStore>();

function grantsOf(tenant: Tenant): MemoryGrantStore {
  let store = stores.get(tenant);
  if (!store) stores.set(tenant, (store = new MemoryGrantStore()));
  return store;
}
