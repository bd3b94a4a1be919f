import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../src/cli/main';
import type { FetchLike } from '../../src/http/client';
import { NOW } from '../support/probe';
import { startServer, type TestServer } from '../support/server';

const HIDDEN = 'sk_live_hiddenInTheQuery0002';

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    res.writeHead(200).end('{}');
  });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-cli-url-'));
});
afterAll(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** The command checks a config file by the app's rule: a credential in the URL is refused. */
describe('token-health probe: a credential in the URL query', () => {
  it.each(['private_token', 'x-api-key', 'client_assertion', 'hapikey'])(
    'refuses ?%s=… before sending anything, naming the parameter and not its value',
    async (name) => {
      const file = path.join(dir, `${name}.json`);
      const url = `${server.url}/health?${name}=${HIDDEN}`;
      await fs.writeFile(file, JSON.stringify({ kind: 'http', name: 'x', url }));
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        env: { TOKEN_HEALTH_SECRET: 'ghp_cliUrlCredentials000000000000000001' },
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        fetch: globalThis.fetch as unknown as FetchLike,
        now: () => NOW,
      };
      expect(await main(['probe', file], io)).toBe(3);
      expect(out).toEqual([]);
      expect(err.join('\n')).toContain(`holds a credential in its query`);
      expect(err.join('\n')).toContain(`?${name}=…`);
      expect(err.join('\n')).not.toContain(HIDDEN);
      expect(server.requests).toEqual([]);
    },
  );
});
