// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, MAIL_CHANNEL, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { parseIntegrationConfig } from '../../src/domain/integration-input';

const SECRET = 'ghp_namesTestToken000000000000000000001';
const UNSAFE_MESSAGE =
  /^Name can't contain line breaks, control characters or text-direction marks/;

/** Names that would change how an audit line or a terminal reads what follows them. */
const UNSAFE: [string, string][] = [
  ['a line break', 'CI\nhost changed'],
  ['a carriage return', 'CI\rsecret replaced'],
  ['NUL', 'CI\u0000bot'],
  ['a tab', 'CI\tbot'],
  ['a terminal escape sequence', 'CI \u001b[31mbot'],
  ['a C1 control (CSI)', 'CI \u009b31mbot'],
  ['DEL', 'CI\u007fbot'],
  ['a line separator', 'CI\u2028bot'],
  ['a right-to-left override', 'CI \u202etob'],
  ['a right-to-left isolate', 'CI \u2067bot\u2069'],
  ['a right-to-left mark', 'CI\u200fbot'],
];

describe('names of integrations and channels', () => {
  let forge: LocalForge;
  beforeEach(async () => {
    forge = await startAdminApp([]);
  });
  afterEach(() => forge.stop());

  const github = (name: string) => ({ kind: 'github-token', name });
  const auditDetails = async () =>
    (await data(forge, 'getAuditLog', {})).entries.map((e) => e.detail);

  it.each(UNSAFE)(
    'refuses an integration name with %s, in plain words, storing nothing',
    async (_, name) => {
      const answer = await call(forge, 'createIntegration', {
        config: github(name),
        secret: SECRET,
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      const fields = answer.ok ? {} : (answer.error.fields ?? {});
      expect(fields['config.name']).toMatch(UNSAFE_MESSAGE);
      expect(Object.keys(forge.kvs.dump().values).some((k) => k.startsWith('integration:'))).toBe(
        false,
      );
    },
  );

  it.each(UNSAFE)('refuses a channel name with %s, in plain words', async (_, name) => {
    const answer = await call(forge, 'saveChannel', { config: { ...MAIL_CHANNEL, name } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const fields = answer.ok ? {} : (answer.error.fields ?? {});
    expect(Object.values(fields).join(' ')).toMatch(UNSAFE_MESSAGE);
    expect((await data(forge, 'listChannels', {})).length).toBe(0);
  });

  it('refuses the same names in a config the CLI reads', () => {
    for (const [, name] of UNSAFE) {
      const parsed = parseIntegrationConfig(github(name));
      expect(parsed.ok).toBe(false);
      expect(JSON.stringify(parsed)).toMatch(/can't contain line breaks, control characters/);
    }
    expect(parseIntegrationConfig(github('CI bot “prod” — ünïcode ✓')).ok).toBe(true);
  });

  it('keeps a name typed with a trailing line break, trimmed', async () => {
    const created = await data(forge, 'createIntegration', {
      config: github('CI bot\n'),
      secret: SECRET,
    });
    expect(created.name).toBe('CI bot');
  });

  it('quotes names in the audit log, so a rename cannot read as the log’s own words', async () => {
    const { id } = await data(forge, 'createIntegration', { config: github('CI'), secret: SECRET });
    const forged =
      'CI” → “x”, host a.example → b.example, secret replaced (same fingerprint …0001), name “y';
    await data(forge, 'updateIntegration', { id, config: github(forged) });
    const [renamed] = await auditDetails();
    expect(renamed).toBe(
      `“CI\\” → \\“x\\”, host a.example → b.example, secret replaced (same fingerprint …0001), name \\“y” (GitHub token, secret …0001): name “CI” → “CI\\” → \\“x\\”, host a.example → b.example, secret replaced (same fingerprint …0001), name \\“y”`,
    );
    // Unescaped, only the log's own quotes remain: two around each of the three names.
    expect(renamed?.match(/(?<!\\)[“”]/g)).toHaveLength(6);
  });

  it('quotes a channel’s old and new name when it is renamed', async () => {
    const created = await data(forge, 'saveChannel', { config: MAIL_CHANNEL });
    const renamed = { ...MAIL_CHANNEL, name: 'Ops mail”, host changed' };
    await data(forge, 'saveChannel', { id: created.config.id, config: renamed });
    await data(forge, 'deleteChannel', { id: created.config.id });
    expect(await auditDetails()).toEqual([
      'deleted channel “Ops mail\\”, host changed” (jira-email)',
      'updated channel “Ops mail\\”, host changed” (jira-email), renamed “Ops mail” to “Ops mail\\”, host changed”',
      'created channel “Ops mail” (jira-email)',
    ]);
  });
});
