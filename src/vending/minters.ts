import type { CredentialKind } from '../domain/integration';
import { datacenterClientMinter, serviceAccountMinter } from './mint-client-credentials';
import { githubAppMinter } from './mint-github';
import type { Minter } from './minter';

/** The kinds whose tokens are minted, kept until five minutes before their end, and vended. */
export const MINTERS: Partial<Record<CredentialKind, Minter>> = {
  'github-app': githubAppMinter,
  'atlassian-service-account': serviceAccountMinter,
  'datacenter-oauth2-client': datacenterClientMinter,
};
