import type { ServerResponse } from 'node:http';
import type { IntervalKey } from '../../src/domain/schedule';
import type { IntegrationConfig } from '../../src/domain/integration';
import type { Verdict } from '../../src/domain/verdict';

/** A request as a demo service sees it: `path` is what follows the tenant's prefix. */
export interface DemoRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * What the control endpoint can change. `troubled` is the tenant's own problem (a CAPTCHA, a rate
 * limit, a login page…): restore clears it together with a revocation, so every demo can be healed.
 */
export interface TenantState {
  revoked: boolean;
  troubled: boolean;
  failing: boolean;
  delayMs: number;
}

/** What createIntegration gets for this tenant (the payload of src/resolvers/contract.ts). */
export interface DemoIntegrationInput {
  config: IntegrationConfig;
  secret: string;
  interval?: IntervalKey;
}

/** One demo integration: a credential and the service answering for it under `/<slug>`. */
export interface TenantSpec {
  slug: string;
  /** The verdict the app's real probe gives it at start. */
  expect: Verdict;
  /** The integration's name on the admin page. */
  title: string;
  /** What the demo shows, in a few words. */
  story: string;
  starts?: Partial<TenantState>;
  /** `base` is the service URL including the tenant's prefix. */
  integration(base: string): DemoIntegrationInput;
  /**
   * What the banner tells a person to type for another integration of this kind, when the stored
   * one's would not do (a single-use refresh token the stored integration spends); else integration.
   */
  typed?(base: string): DemoIntegrationInput;
  serve(req: DemoRequest, res: ServerResponse, state: TenantState): void;
}

/** One demo service: a family of tenants sharing one server and port. */
export interface DemoFamily {
  name: string;
  tenants: TenantSpec[];
}

/** What a family may need from the demo's options when it is built. */
export interface FamilyOptions {
  /** Where keys that must survive a restart are kept (`.token-health/`); none: made anew. */
  keyDir?: string;
  /** When the demo first started (simulated ms): dates fixed at start count from it. Now if unset. */
  epoch?: number;
}
