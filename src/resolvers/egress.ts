import { permissions } from '@forge/api';
import type { IntegrationConfig } from '../domain/integration';
import { DEFAULT_TOKEN_URL } from '../probes/kinds/atlassian-oauth2';
import { PROBES } from '../probes/registry';
import { ResolverFailure } from './envelope';

/** Where an Atlassian API token with a cloudId (and no site URL) is sent: the scoped gateway. */
const ATLASSIAN_GATEWAY = 'https://api.atlassian.com';

interface Target {
  /** The form field that names the URL (see the field convention in contract.ts). */
  field: string;
  url: string;
}

/** Every URL a check of this config reaches; a kind's default host counts like a typed one. */
export function targetsOf(config: IntegrationConfig): Target[] {
  if (config.kind === 'http') return config.url ? [{ field: 'config.url', url: config.url }] : [];
  if (config.kind === 'saml-idp-certificate') {
    return config.metadataUrl ? [{ field: 'config.metadataUrl', url: config.metadataUrl }] : [];
  }
  const fallback =
    PROBES[config.kind].defaultBaseUrl ??
    (config.kind === 'atlassian-api-token' && config.cloudId ? ATLASSIAN_GATEWAY : null);
  const base = config.baseUrl
    ? { field: 'config.baseUrl', url: config.baseUrl }
    : fallback && { field: 'config.kind', url: fallback };
  const targets = base ? [base] : [];
  // A kept grant or a service account also sends its client secret to the token endpoint.
  if (config.kind === 'atlassian-oauth2' || config.kind === 'atlassian-service-account') {
    const url = config.tokenUrl ?? DEFAULT_TOKEN_URL;
    targets.push({ field: config.tokenUrl ? 'config.tokenUrl' : 'config.kind', url });
  }
  return targets;
}

/**
 * The manifest line that lets Forge reach the URL's host. A bare host means https on port 443;
 * anything else needs the scheme (and port), or @forge/egress reads "host:" as a protocol.
 */
export function manifestEntry(url: string): string {
  const { protocol, port, hostname, host } = new URL(url);
  const address = protocol === 'https:' && !port ? hostname : `${protocol}//${host}`;
  return `- address: "${address}"`;
}

export function declared(url: string): boolean {
  try {
    return permissions.canFetchFrom('backend', url);
  } catch {
    // The platform did not hand us its permissions: we cannot tell, so let the save through.
    // Forge's egress proxy still refuses the host at check time, as a `not-allowed` verdict.
    return true;
  }
}

/**
 * Refuses, at save time, a config whose host Forge would refuse at every check: the admin gets
 * the exact manifest.yml entry to add instead of a failure on the next sweep.
 */
export function assertEgressDeclared(config: IntegrationConfig): void {
  const missing = targetsOf(config).filter((t) => !declared(t.url));
  if (missing.length === 0) return;
  const lines = [...new Set(missing.map((t) => manifestEntry(t.url)))];
  const hosts = [...new Set(missing.map((t) => new URL(t.url).host))];
  const fields: Record<string, string> = {};
  for (const t of missing) {
    fields[t.field] ??= `${new URL(t.url).host} is not declared as egress in manifest.yml`;
  }
  throw egressRefusal(hosts, lines, fields, 'then save again');
}

/**
 * What the admin can do comes first (ask whoever deploys the app); the manifest lines that
 * person needs follow, in a block of their own (ErrorNotice copies `- address:` lines).
 */
export function egressRefusal(
  hosts: string[],
  lines: string[],
  fields: Record<string, string>,
  after: string,
  otherwise = '',
): ResolverFailure {
  const named = `${hosts.join(' and ')} ${hosts.length === 1 ? 'is' : 'are'}`;
  return new ResolverFailure(
    'EGRESS_NOT_DECLARED',
    `Ask whoever deploys Token Health to declare ${hosts.join(' and ')}, ${after}: Forge lets this app reach only the hosts its manifest.yml declares, and ${named} not declared.\n` +
      `They add under permissions.external.fetch.backend:\n${lines.join('\n')}\n` +
      `then run forge deploy and forge install --upgrade.${otherwise ? `\n${otherwise}` : ''}`,
    fields,
  );
}
