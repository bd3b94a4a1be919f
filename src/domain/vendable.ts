import type { CredentialKind, IntegrationConfig } from './integration';

/** Kinds whose short-lived tokens the app mints, keeps until near their end, and vends. */
export const MINTED_KINDS = [
  'github-app',
  'atlassian-service-account',
  'datacenter-oauth2-client',
] as const satisfies readonly CredentialKind[];

export type MintedKind = (typeof MINTED_KINDS)[number];

export function isMinted(kind: CredentialKind): kind is MintedKind {
  return (MINTED_KINDS as readonly CredentialKind[]).includes(kind);
}

/** Whether consumer keys can draw tokens from the integration: a kept grant or a minted kind. */
export function isVendable(config: Pick<IntegrationConfig, 'kind' | 'mode'>): boolean {
  return (config.kind === 'atlassian-oauth2' && config.mode === 'keep') || isMinted(config.kind);
}
