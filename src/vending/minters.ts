import type { CredentialKind } from '../domain/integration';
import { isMinted, type MintedKind } from '../domain/vendable';
import { datacenterClientMinter, serviceAccountMinter } from './mint-client-credentials';
import { githubAppMinter } from './mint-github';
import type { Minter } from './minter';

const MINTERS: Record<MintedKind, Minter> = {
  'github-app': githubAppMinter,
  'atlassian-service-account': serviceAccountMinter,
  'datacenter-oauth2-client': datacenterClientMinter,
};

/** How the kind's tokens are minted for vending, or undefined for a kind that mints none. */
export function minterFor(kind: CredentialKind): Minter | undefined {
  return isMinted(kind) ? MINTERS[kind] : undefined;
}
