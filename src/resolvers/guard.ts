import { asUser, route } from '@forge/api';
import { ResolverFailure } from './envelope';

const DENIED = 'Only Jira administrators can use Token Health.';

/**
 * The one admin check, applied to every resolver: Jira itself, asked as the caller, must say the
 * caller holds ADMINISTER. Anything else — no caller, an error, an odd answer — is a refusal.
 */
export async function assertJiraAdmin(accountId: string | undefined): Promise<void> {
  if (!accountId) throw new ResolverFailure('FORBIDDEN', DENIED);
  let allowed = false;
  try {
    const res = await asUser().requestJira(
      route`/rest/api/3/mypermissions?permissions=ADMINISTER`,
      {
        headers: { Accept: 'application/json' },
      },
    );
    if (res.ok) {
      const body = (await res.json()) as {
        permissions?: { ADMINISTER?: { havePermission?: boolean } };
      };
      allowed = body.permissions?.ADMINISTER?.havePermission === true;
    }
  } catch {
    throw new ResolverFailure(
      'FORBIDDEN',
      `${DENIED} Jira could not confirm your permissions just now.`,
    );
  }
  if (!allowed) throw new ResolverFailure('FORBIDDEN', DENIED);
}
