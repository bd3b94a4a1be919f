import { APP_DIR, record, seed, statusOf } from '../support/app';
import * as handlers from '../../src/index';
import { LocalForge } from '../../local/forge-runtime';
import { sendJson, startServer, type TestServer } from '../support/server';

describe('a consumer short of time', () => {
  let service: TestServer;
  beforeAll(async () => {
    service = await startServer((req, res) => sendJson(res, 200, { login: 'bot', id: 7 }));
  });
  afterAll(() => service.close());

  async function start(timeScale: number): Promise<LocalForge> {
    return LocalForge.start({
      appDir: APP_DIR,
      loadHandlers: () => handlers,
      extraEgress: [service.url],
      timeScale,
    });
  }

  it('hands its checks back to the queue with a delay instead of starting probes it cannot finish', async () => {
    // 300 s × 0.04 = 12 s per consumer: less than a probe's minimum window plus the store margin.
    const forge = await start(0.04);
    try {
      await seed(forge, [
        { record: record('g1', { kind: 'github-token', baseUrl: service.url }), secret: 'ghp_x1' },
      ]);
      await forge.runScheduledTrigger('sweep-trigger');
      await forge.drainQueues({ untilIdle: false });
      const [requeued] = forge.queues.pending();
      expect(requeued?.body).toMatchObject({ ids: ['g1'], reason: 'sweep' });
      expect(requeued?.delayInSeconds).toBe(60);
      expect(service.requests).toHaveLength(0);
      expect(await statusOf(forge, 'g1')).toBeUndefined();
    } finally {
      await forge.stop();
    }
  });

  it('finishes the same checks when the invocation has time', async () => {
    const forge = await start(1);
    try {
      await seed(forge, [
        { record: record('g2', { kind: 'github-token', baseUrl: service.url }), secret: 'ghp_x2' },
      ]);
      await forge.runScheduledTrigger('sweep-trigger');
      await forge.drainQueues();
      expect((await statusOf(forge, 'g2'))?.last?.verdict).toBe('healthy');
      expect(forge.queues.pending()).toHaveLength(0);
    } finally {
      await forge.stop();
    }
  });
});
