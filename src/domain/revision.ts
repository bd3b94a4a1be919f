import { createHash } from 'node:crypto';
import { canonical } from './defaults';
import type { IntegrationRecord } from './schedule';

/**
 * A short hash of an integration as saved, stored beside it: a check about to store its result
 * reads this (a few bytes) rather than the whole record to learn whether it changed meanwhile.
 */
export const revisionOf = (record: IntegrationRecord): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(record)))
    .digest('base64url')
    .slice(0, 12);
