import { plainSecret } from '../interpret';
import type { Probe } from '../probe';

// PLACEHOLDER — replaced by the helper that owns this kind.
export const githubTokenProbe: Probe<string> = {
  label: 'github-token',
  defaultBaseUrl: null,
  parseSecret: plainSecret,
  async check() {
    throw new Error('not implemented');
  },
};
