import { APP_DIR, record } from '../support/app';
import { LocalForge } from '../../local/forge-runtime';
import { applyResult, initialStatus } from '../../src/domain/schedule';
import type { CheckResult } from '../../src/domain/result';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { audit } from '../../src/storage/audit';
import { integrations } from '../../src/storage/integrations';
import { keys } from '../../src/storage/keys';
import { acquireLease, releaseLease } from '../../src/storage/lease';
import { settings } from '../../src/storage/settings';
import { statuses } from '../../src/storage/status';
import * as handlers from '../../src/index';

describe('storage on Forge KVS', () => {
  let forge: LocalForge;
  beforeEach(async () => {
    forge = await LocalForge.start({ appDir: APP_DIR, loadHandlers: () => handlers });
  });
  afterEach(() => forge.stop());

  it('keeps the secret apart from the integration and never in its value', async () => {
    const rec = record('s1', { kind: 'github-token' });
    await forge.run(async () => {
      await integrations.save(rec);
      await integrations.setSecret('s1', 'ghp_topsecret123');
    });
    expect(JSON.stringify(forge.kvs.get(keys.integration('s1')))).not.toContain('topsecret');
    expect(forge.kvs.getSecret(keys.secret('s1'))).toBe('ghp_topsecret123');
    expect(forge.kvs.get(keys.secret('s1'))).toBeUndefined();
  });

  it('removes an integration with its secret, status, kept grant and alert state', async () => {
    await forge.run(async () => {
      await integrations.save(record('s2', { kind: 'github-token' }));
      await integrations.setSecret('s2', 'ghp_x');
      await statuses.save(initialStatus('s2', new Date()));
    });
    forge.kvs.setSecret(keys.grant('s2'), { refreshToken: 'rt' });
    forge.kvs.set(keys.alert('s2'), { expiry: null, incident: null });
    forge.kvs.set(keys.incidentIssue('s2', 'jira-1'), 'OPS-7');
    await forge.run(() => integrations.remove('s2'));
    const dump = JSON.stringify(forge.kvs.dump());
    expect(dump).not.toContain('s2');
  });

  it('lists the audit log newest first', async () => {
    await forge.run(async () => {
      for (const [i, at] of [
        '2026-11-01T10:00:00Z',
        '2026-11-03T10:00:00Z',
        '2026-11-02T10:00:00Z',
      ].entries()) {
        await audit.append({
          at,
          actorAccountId: 'admin-1',
          action: `action-${i}`,
          integrationId: null,
          detail: '',
        });
      }
    });
    const page = await forge.run(() => audit.page());
    expect(page.entries.map((e) => e.at)).toEqual([
      '2026-11-03T10:00:00Z',
      '2026-11-02T10:00:00Z',
      '2026-11-01T10:00:00Z',
    ]);
  });

  it('answers the default settings until an admin saves others', async () => {
    expect(await forge.run(() => settings.get())).toEqual(DEFAULT_SETTINGS);
    await forge.run(() => settings.save({ warnDays: [45, 10], defaultInterval: '6h' }));
    expect(await forge.run(() => settings.get())).toEqual({
      warnDays: [45, 10],
      defaultInterval: '6h',
    });
  });

  it('gives a lease to exactly one of many concurrent callers and frees it on release', async () => {
    const won = await Promise.all(
      Array.from({ length: 10 }, (_, i) => forge.run(() => acquireLease('lock:test', `h${i}`, 60))),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = `h${won.indexOf(true)}`;
    await forge.run(() => releaseLease('lock:test', 'someone-else'));
    expect(forge.kvs.get('lock:test')).toEqual({ holder });
    await forge.run(() => releaseLease('lock:test', holder));
    expect(forge.kvs.get('lock:test')).toBeUndefined();
  });

  it('keeps a status with 90 days of roll-ups and full evidence far below the 240 KiB value limit', async () => {
    const rec = record('big', { kind: 'github-token' });
    const evidence = Array.from({ length: 6 }, () => ({
      method: 'GET',
      url: `https://api.example/${'p'.repeat(400)}`,
      status: 200,
      durationMs: 10,
      headers: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`h${i}`, 'v'.repeat(200)])),
      excerpt: 'x'.repeat(301),
    }));
    let status = initialStatus('big', new Date('2026-01-01T00:00:00Z'));
    for (let day = 0; day < 120; day += 1) {
      const checkedAt = new Date(Date.UTC(2026, 0, 1 + day)).toISOString();
      const result: CheckResult = {
        verdict: 'healthy',
        severity: 'ok',
        message: 'm'.repeat(500),
        identity: { id: 'i' },
        expiresAt: null,
        expirySource: null,
        daysLeft: null,
        retryAfterSeconds: null,
        checkedAt,
        durationMs: 1,
        evidence,
        facts: { f: 'v'.repeat(500) },
      };
      status = applyResult(rec, status, result, checkedAt);
    }
    expect(status.daily).toHaveLength(90);
    expect(Buffer.byteLength(JSON.stringify(status))).toBeLessThan((240 * 1024) / 4);
    await expect(forge.run(() => statuses.save(status))).resolves.toBeUndefined();
  });
});
