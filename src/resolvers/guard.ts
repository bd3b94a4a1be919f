import { asUser, route } from '@forge/api';
import { ResolverFailure } from './envelope';

const DENIED = 'Only Jira administrators can use Token Health.';
const UNCONFIRMED = `${DENIED} Jira could not confirm your permissions just now; try again in a moment.`;
/** Well inside the 25 s resolver limit, so a slow Jira gets a clear refusal, not a platform time-out. */
const PERMISSION_CHECK_TIMEOUT_MS = 8_000;

class PermissionCheckTimeout extends Error {}

/** Whether Jira, asked as the caller, says they hold ADMINISTER. */
async function holdsAdminister(): Promise<boolean> {
  const res = await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, {
    headers: { Accept: 'application/json' },
  });
  if (!res.ok) return false;
  const body = (await res.json()) as {
    permissions?: { ADMINISTER?: { havePermission?: boolean } };
  };
  return body.permissions?.ADMINISTER?.havePermission === true;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PermissionCheckTimeout()), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * The one admin check, applied to every resolver: Jira itself, asked as the caller, must say the
 * caller holds ADMINISTER. Anything else — no caller, an error, a slow or odd answer — is a refusal.
 */
export async function assertJiraAdmin(accountId: string | undefined): Promise<void> {
  if (!accountId) throw new ResolverFailure('FORBIDDEN', DENIED);
  let allowed: boolean;
  try {
    allowed = await withTimeout(holdsAdminister(), PERMISSION_CHECK_TIMEOUT_MS);
  } catch {
    throw new ResolverFailure('FORBIDDEN', UNCONFIRMED);
  }
  if (!allowed) throw new ResolverFailure('FORBIDDEN', DENIED);
}
