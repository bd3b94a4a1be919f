/**
 * One name per kind, everywhere an admin reads one: the table, its filter, the form, the audit
 * log and the alerts all take their words from here.
 */
import type { CredentialKind } from './integration';
import type { OrgTokenKind } from './inventory';

export const CREDENTIAL_KIND_LABEL: Record<CredentialKind, string> = {
  'atlassian-api-token': 'Atlassian API token',
  'atlassian-admin-api-key': 'Atlassian organisation API key',
  'atlassian-oauth2': 'Atlassian OAuth 2.0 grant',
  'datacenter-pat': 'Jira or Confluence Data Center PAT',
  'bitbucket-datacenter-token': 'Bitbucket Data Center access token',
  'bitbucket-cloud-api-token': 'Bitbucket Cloud token',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  http: 'Any HTTP API',
  'github-app': 'GitHub App',
  'atlassian-service-account': 'Atlassian service account (OAuth 2.0)',
  'datacenter-oauth2-client': 'Jira or Confluence Data Center service account (OAuth 2.0)',
  'saml-idp-certificate': 'SAML identity provider signing certificate',
  'scim-directory-key': 'Atlassian SCIM provisioning API key',
};

/** The kinds of token the organisation inventory lists, as its tab and its alerts name them. */
export const ORG_TOKEN_KIND_LABEL: Record<OrgTokenKind, string> = {
  'api-token': 'User API token',
  'api-key': 'API key',
};
