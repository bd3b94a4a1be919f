import type { CredentialKind } from '../domain/integration';
import { atlassianAdminApiKeyProbe } from './kinds/atlassian-admin-api-key';
import { atlassianApiTokenProbe } from './kinds/atlassian-api-token';
import { atlassianOauth2Probe } from './kinds/atlassian-oauth2';
import { atlassianServiceAccountProbe } from './kinds/atlassian-service-account';
import { bitbucketCloudApiTokenProbe } from './kinds/bitbucket-cloud-api-token';
import { bitbucketDatacenterTokenProbe } from './kinds/bitbucket-datacenter-token';
import { datacenterOauth2ClientProbe } from './kinds/datacenter-oauth2-client';
import { datacenterPatProbe } from './kinds/datacenter-pat';
import { githubAppProbe } from './kinds/github-app';
import { githubTokenProbe } from './kinds/github-token';
import { gitlabTokenProbe } from './kinds/gitlab-token';
import { httpProbe } from './kinds/http';
import { samlIdpCertificateProbe } from './kinds/saml-idp-certificate';
import { scimDirectoryKeyProbe } from './kinds/scim-directory-key';
import { slackTokenProbe } from './kinds/slack-token';
import type { Probe } from './probe';

export const PROBES = {
  'atlassian-api-token': atlassianApiTokenProbe,
  'atlassian-admin-api-key': atlassianAdminApiKeyProbe,
  'atlassian-oauth2': atlassianOauth2Probe,
  'datacenter-pat': datacenterPatProbe,
  'bitbucket-datacenter-token': bitbucketDatacenterTokenProbe,
  'bitbucket-cloud-api-token': bitbucketCloudApiTokenProbe,
  'github-token': githubTokenProbe,
  'gitlab-token': gitlabTokenProbe,
  'slack-token': slackTokenProbe,
  http: httpProbe,
  'github-app': githubAppProbe,
  'atlassian-service-account': atlassianServiceAccountProbe,
  'datacenter-oauth2-client': datacenterOauth2ClientProbe,
  'saml-idp-certificate': samlIdpCertificateProbe,
  'scim-directory-key': scimDirectoryKeyProbe,
} satisfies Record<CredentialKind, Probe<unknown>>;
