import { plainSecret } from '../interpret';
import type { Probe } from '../probe';

// PLACEHOLDER — replaced by the helper that owns this kind.
export const slackTokenProbe: Probe<string> = {
  label: 'slack-token',
  defaultBaseUrl: null,
  parseSecret: plainSecret,
  async check() {
    throw new Error('not implemented');
  },
};
