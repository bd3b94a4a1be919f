import { plainSecret } from '../interpret';
import type { Probe } from '../probe';

// PLACEHOLDER — replaced by the helper that owns this kind.
export const datacenterPatProbe: Probe<string> = {
  label: 'datacenter-pat',
  defaultBaseUrl: null,
  parseSecret: plainSecret,
  async check() {
    throw new Error('not implemented');
  },
};
