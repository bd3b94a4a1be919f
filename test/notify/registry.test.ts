import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CHANNEL_INFO, NOTIFIERS, notifierFor } from '../../src/notify/registry';
import { CHANNEL_TYPES, type ChannelConfig } from '../../src/domain/channels';
import { hostMatches } from '../../src/notify/checks';

const manifest = parse(readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as {
  modules: Record<string, { key: string; propertyKey?: string; values?: { path: string }[] }[]>;
  permissions: { scopes: string[]; external: { fetch: { backend: { address: string }[] } } };
};
const declared = manifest.permissions.external.fetch.backend.map((e) => e.address);

describe('notifier registry', () => {
  it('has one notifier and one description per channel type', () => {
    expect(Object.keys(NOTIFIERS).sort()).toEqual([...CHANNEL_TYPES].sort());
    expect(Object.keys(CHANNEL_INFO).sort()).toEqual([...CHANNEL_TYPES].sort());
    for (const type of CHANNEL_TYPES) expect(notifierFor(type)).toBe(NOTIFIERS[type]);
  });

  it('declares every host a channel needs as egress in manifest.yml', () => {
    for (const info of Object.values(CHANNEL_INFO)) {
      for (const host of info.egress) expect(declared).toContain(host);
    }
  });

  it('declares the Jira scope and the indexed issue property the Jira channels rely on', () => {
    expect(manifest.permissions.scopes).toContain('write:jira-work');
    expect(manifest.modules['jira:entityProperty']).toContainEqual(
      expect.objectContaining({
        propertyKey: 'token-health',
        values: expect.arrayContaining([expect.objectContaining({ path: 'integrationId' })]),
      }),
    );
  });

  it('dispatches on a config whose type is only known at run time', () => {
    const load = (): ChannelConfig => ({
      id: 'c1',
      type: 'webhook',
      name: 'Receiver',
      enabled: true,
      role: 'primary',
      digest: false,
      url: 'https://hooks.example.com/th',
    });
    const stored = load();
    expect(
      notifierFor(stored.type).validate(stored, `whsec_${Buffer.alloc(32, 7).toString('base64')}`),
    ).toEqual({});
  });
});

describe('hostMatches()', () => {
  it('matches an exact host, or any subdomain under a wildcard, and nothing else', () => {
    expect(hostMatches('hooks.slack.com', 'hooks.slack.com')).toBe(true);
    const teams = '*.environment.api.powerplatform.com';
    expect(hostMatches('default1c2d.09.environment.api.powerplatform.com', teams)).toBe(true);
    expect(hostMatches('environment.api.powerplatform.com', teams)).toBe(false);
    expect(hostMatches('evilenvironment.api.powerplatform.com', teams)).toBe(false);
    expect(hostMatches('hooks.slack.com.evil.example', 'hooks.slack.com')).toBe(false);
  });
});
