import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli/main';
import type { FetchLike } from '../../src/http/client';
import { NOW, daysFromNow } from '../support/probe';
import { certAround, OKTA_PATH, startSamlIdp, type SamlIdpDouble } from '../support/saml-idp';
import {
  DIRECTORY,
  SCIM_KEY,
  startScimDirectory,
  type ScimDirectoryDouble,
} from '../support/scim-directory';

let idp: SamlIdpDouble;
let scim: ScimDirectoryDouble;
let dir: string;
beforeAll(async () => {
  [idp, scim] = await Promise.all([startSamlIdp(), startScimDirectory()]);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-cli-saml-'));
});
afterAll(async () => {
  await Promise.all([idp.close(), scim.close()]);
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(config: unknown, env: Record<string, string>) {
  const file = path.join(dir, 'integration.json');
  await fs.writeFile(file, JSON.stringify(config));
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    fetch: globalThis.fetch as unknown as FetchLike,
    now: () => NOW,
  };
  const code = await main(['probe', file, '--json'], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('token-health probe, SAML certificate and SCIM key', () => {
  it('checks a SAML signing certificate with TOKEN_HEALTH_SECRET unset', async () => {
    const cert = certAround('Okta acme', -100, 10);
    idp.appCerts = [{ base64: cert.base64 }];
    const config = { kind: 'saml-idp-certificate', metadataUrl: `${idp.url}${OKTA_PATH}` };
    const { code, out, err } = await run(config, {});
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      verdict: 'expiring',
      expiresAt: daysFromNow(10).toISOString(),
      identity: { id: cert.fingerprint },
    });
  });

  it('refuses a SAML config without its metadata URL, sending nothing', async () => {
    idp.requests.length = 0;
    const { code, err } = await run({ kind: 'saml-idp-certificate' }, {});
    expect(code).toBe(3);
    expect(err).toContain('metadataUrl: the identity provider’s SAML metadata URL is required');
    expect(idp.requests).toHaveLength(0);
  });

  it('still asks for the secret of a SCIM key, and checks it with one', async () => {
    const config = {
      kind: 'scim-directory-key',
      baseUrl: `${scim.url}/scim/directory/${DIRECTORY}`,
      expiresAt: daysFromNow(300).toISOString(),
    };
    const missing = await run(config, {});
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('TOKEN_HEALTH_SECRET');
    const { code, out } = await run(config, { TOKEN_HEALTH_SECRET: SCIM_KEY });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ verdict: 'healthy', identity: { id: DIRECTORY } });
    expect(out).not.toContain(SCIM_KEY);
  });

  it('refuses a SCIM config naming two different directories', async () => {
    const config = {
      kind: 'scim-directory-key',
      baseUrl: `${scim.url}/scim/directory/${DIRECTORY}`,
      directoryId: 'another-directory',
    };
    const { code, err } = await run(config, { TOKEN_HEALTH_SECRET: SCIM_KEY });
    expect(code).toBe(3);
    expect(err).toContain(`the base URL names directory ${DIRECTORY}`);
  });
});
