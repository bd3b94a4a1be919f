import { adminApi } from './admin-api';
import { atlassianCloud } from './atlassian-cloud';
import { apisFamily, slack } from './apis';
import { bitbucketCloud, github, gitlabFamily } from './code-hosts';
import { dataCenter } from './datacenter';
import { startFamily, type FamilyServer, type Tenant } from './http';
import { atlassianOauth } from './oauth';
import { startReceiver, type Receiver } from './receiver';
import type { DemoFamily, FamilyOptions, TenantState } from './types';

/** The first demo port; each family takes the next one, the webhook receiver the last. */
export const DEFAULT_DEMO_PORT = 4101;

/**
 * In a fixed order: a family's port is the base plus its index, so a restart finds every service
 * where the stored integrations point.
 */
const FAMILIES: ((options: FamilyOptions) => DemoFamily)[] = [
  atlassianCloud,
  dataCenter,
  github,
  gitlabFamily,
  bitbucketCloud,
  slack,
  apisFamily,
  atlassianOauth,
  adminApi,
];

/** Ports the demo takes from its first one: one per family, then the webhook receiver. */
export const DEMO_PORT_COUNT = FAMILIES.length + 1;

export const CONTROL_ACTIONS = ['revoke', 'restore', 'slow', 'fast', 'fail', 'recover'] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

/** Without ?ms, slow goes past the probe's 10 s request timeout, so the check sees an outage. */
export const DEFAULT_SLOW_MS = 12_000;

export interface DemoServicesOptions {
  /** First port; 0 gives every service a free port of its own (tests). */
  portBase: number;
  /** Widened under a compressed clock: see receiver.ts. */
  webhookToleranceSeconds?: number;
  /** Keeps the GitHub App's key here across restarts (see github-app.ts); none: a new key. */
  keyDir?: string;
  /** When the demo first started (simulated ms; see dates.ts demoEpoch); none: now. */
  epoch?: number;
  log?: (line: string) => void;
}

export interface TenantView extends TenantState {
  slug: string;
  title: string;
  service: string;
  expect: string;
  story: string;
  base: string;
}

export interface DemoServices {
  tenants: Tenant[];
  receiver: Receiver;
  /** Every service's origin: the egress the local runtime must allow. */
  origins: string[];
  find(slug: string): Tenant | undefined;
  control(slug: string, action: ControlAction, ms?: number): TenantView;
  list(): TenantView[];
  close(): Promise<void>;
}

const portOf = (base: number, index: number) => (base === 0 ? 0 : base + index);

export function view(t: Tenant): TenantView {
  const { slug, title, expect, story } = t.spec;
  return { slug, title, service: t.family, expect, story, base: t.base, ...t.state };
}

function apply(state: TenantState, action: ControlAction, ms?: number): void {
  switch (action) {
    case 'revoke':
      state.revoked = true;
      break;
    case 'restore':
      state.revoked = false;
      state.troubled = false;
      break;
    case 'slow':
      state.delayMs = ms ?? DEFAULT_SLOW_MS;
      break;
    case 'fast':
      state.delayMs = 0;
      break;
    case 'fail':
      state.failing = true;
      break;
    case 'recover':
      state.failing = false;
      break;
  }
}

/** Starts every demo service and the webhook receiver on 127.0.0.1. */
export async function startDemoServices(options: DemoServicesOptions): Promise<DemoServices> {
  const servers: FamilyServer[] = [];
  try {
    for (const [i, family] of FAMILIES.entries()) {
      servers.push(await startFamily(family(options), portOf(options.portBase, i)));
    }
    const receiver = await startReceiver({
      port: portOf(options.portBase, FAMILIES.length),
      toleranceSeconds: options.webhookToleranceSeconds ?? 300,
      log: options.log ?? console.log,
    });
    return assemble(servers, receiver);
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
}

function assemble(servers: FamilyServer[], receiver: Receiver): DemoServices {
  const tenants = servers.flatMap((s) => s.tenants);
  const find = (slug: string) => tenants.find((t) => t.spec.slug === slug);
  return {
    tenants,
    receiver,
    origins: [...servers.map((s) => s.url), new URL(receiver.url).origin],
    find,
    control(slug, action, ms) {
      const tenant = find(slug);
      if (!tenant) throw new Error(`no demo integration '${slug}'`);
      apply(tenant.state, action, ms);
      return view(tenant);
    },
    list: () => tenants.map(view),
    close: async () => {
      await Promise.all([...servers.map((s) => s.close()), receiver.close()]);
    },
  };
}
