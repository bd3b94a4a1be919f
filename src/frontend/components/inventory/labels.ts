/** How the Organisation tokens tab names and colours flags and kinds. */
import type { OrgTokenKind, TokenFlag } from '../../../domain/inventory';
import type { LozengeAppearance } from '../../format';
import { ORG_TOKEN_KIND_LABEL } from '../../../domain/kind-labels';

export const FLAG_LABEL: Record<TokenFlag, string> = {
  expiring: 'Expiring',
  expired: 'Expired',
  'no-expiry': 'Never expires',
  'long-lifetime': 'Long lifetime',
  unused: 'Unused',
  blocked: 'Blocked',
  revoked: 'Revoked',
};

/** Red for a token that no longer works, amber for one that needs a decision. */
export const FLAG_APPEARANCE: Record<TokenFlag, LozengeAppearance> = {
  expiring: 'moved',
  expired: 'removed',
  'no-expiry': 'moved',
  'long-lifetime': 'moved',
  unused: 'default',
  blocked: 'removed',
  revoked: 'default',
};

/** Every flag, in the order the page lists them (the bundle may not load the domain's list). */
export const FLAGS = Object.keys(FLAG_LABEL) as TokenFlag[];

export const KIND_LABEL: Record<OrgTokenKind, string> = ORG_TOKEN_KIND_LABEL;
