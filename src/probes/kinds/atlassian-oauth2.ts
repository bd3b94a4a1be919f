import { plainSecret } from '../interpret';
import type { Probe } from '../probe';

// PLACEHOLDER — replaced by the helper that owns this kind.
export const atlassianOauth2Probe: Probe<string> = {
  label: 'atlassian-oauth2',
  defaultBaseUrl: null,
  parseSecret: plainSecret,
  async check() {
    throw new Error('not implemented');
  },
};
