import type { IntegrationConfig } from '../../domain/integration';
import { field, str } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { SERVICE } from './github-answers';

/** One entry of `GET /app/installations`, as far as the check needs it. */
export interface Installation {
  id: string;
  account: string;
  suspendedAt?: string;
  suspendedBy?: string;
}

export function toInstallation(value: unknown): Installation | null {
  const id = str(field(value, 'id'));
  if (!id) return null;
  return {
    id,
    account: str(field(value, 'account', 'login')) ?? '(no account)',
    suspendedAt: str(field(value, 'suspended_at')),
    suspendedBy: str(field(value, 'suspended_by', 'login')),
  };
}

/** Every expectation the admin set must hold: the id, the account, or both. */
export function isExpected(config: IntegrationConfig, inst: Installation): boolean {
  if (config.installationId && inst.id !== config.installationId) return false;
  if (config.account && inst.account.toLowerCase() !== config.account.toLowerCase()) return false;
  return true;
}

export const expectsOne = (config: IntegrationConfig): boolean =>
  Boolean(config.installationId ?? config.account);

export function describeExpected(config: IntegrationConfig): string {
  const parts = [
    config.account ? `on ${config.account}` : '',
    config.installationId ? `with id ${config.installationId}` : '',
  ];
  return `the installation ${parts.filter(Boolean).join(' ')}`;
}

/** `gone` → rejected: no token can be minted for an installation that no longer exists. */
export function installationGone(config: IntegrationConfig, seen: Installation[]): ProbeOutcome {
  const where = seen.length > 0 ? seen.map((i) => `${i.account} (${i.id})`).join(', ') : 'none';
  return {
    verdict: 'rejected',
    message: `${SERVICE} no longer lists ${describeExpected(config)} among the app's installations (it has: ${where}): the app was uninstalled there, or the id or account is mistyped; install the app again or correct the integration`,
  };
}

/**
 * The admin named no installation: with exactly one, that is the one; with none, the key mints
 * nothing; with several, which one the integration uses is a guess we do not make.
 */
export function pickOnly(list: Installation[]): Installation | ProbeOutcome {
  if (list.length === 1 && list[0]) return list[0];
  if (list.length === 0) {
    return {
      verdict: 'rejected',
      message: `${SERVICE} lists no installation of the app: it is installed nowhere, so its key cannot mint a token; install it on the account the integration works in`,
    };
  }
  const names = list.slice(0, 5).map((i) => `${i.account} (${i.id})`);
  return {
    verdict: 'unexpected-response',
    message: `the app is installed on several accounts (${names.join(', ')}${list.length > 5 ? ', …' : ''}): set the installation id or account the integration uses`,
  };
}

/** Suspended by an owner or by GitHub: the app cannot act there until someone unsuspends it. */
export function suspended(inst: Installation): ProbeOutcome {
  const by = inst.suspendedBy ? ` by ${inst.suspendedBy}` : '';
  return {
    verdict: 'locked',
    message: `${SERVICE}: the app's installation on ${inst.account} (${inst.id}) was suspended${by} on ${inst.suspendedAt}; the key works, but no token is issued there until an owner unsuspends it (${inst.account}'s Settings → GitHub Apps → Configure → Unsuspend)`,
    facts: { installationId: inst.id, account: inst.account, suspendedAt: inst.suspendedAt ?? '' },
  };
}
