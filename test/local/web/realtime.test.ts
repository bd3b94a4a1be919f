// ui installs the bridge globals before @forge/* loads; it also brings the admin app's setup.
import { ADMIN, startAdminApp } from '../../support/ui';
import http from 'node:http';
import type { LocalForge } from '../../../local/forge-runtime';
import { startWebServer, type WebServer } from '../../../local/web/server';
import { publishGlobal } from '@forge/realtime';
import { request } from './http';

/** The local page host's side of realtime.subscribeGlobal: an event stream per subscription. */
let forge: LocalForge;
let web: WebServer;

beforeAll(async () => {
  forge = await startAdminApp();
  web = await startWebServer({ forge, accountId: ADMIN });
}, 60_000);

afterAll(async () => {
  await web?.close();
  await forge?.stop();
});

/** Opens the stream and resolves the first event's data line once `publishing` has run. */
function firstEvent(path: string, publishing: () => Promise<unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${web.url}${path}`, (res) => {
      let text = '';
      let published = false;
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (!published && text.includes(': subscribed')) {
          published = true;
          publishing().catch(reject);
        }
        const data = /^data: (.*)$/m.exec(text);
        if (data) {
          resolve(data[1] ?? '');
          req.destroy();
        }
      });
    });
    req.on('error', reject);
  });
}

describe('the local page host serving Forge Realtime', () => {
  it('streams each event published on the channel as its payload text', async () => {
    const data = await firstEvent('/api/realtime?channel=token-health-changes&global=1', () =>
      forge.run(() => publishGlobal('token-health-changes', { area: 'inventory' })),
    );
    expect(JSON.parse(JSON.parse(data) as string)).toEqual({ area: 'inventory' });
  });

  it('refuses a subscription without a channel name, in words', async () => {
    const answer = await request(`${web.url}/api/realtime`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      error: { message: 'a realtime subscription needs a channel name' },
    });
  });
});
