import { slackMessage, slackNotifier } from '../../src/notify/slack';
import type { FetchLike } from '../../src/http/client';
import { startServer, type RecordedRequest, type TestServer } from '../support/server';
import type http from 'node:http';
import { base, context, expiringNotification, failureNotification, routedTo } from './fixtures';

const TOKEN = 'Zx8s1kQ4w9Lr0pTn3vBc7yHu';
const hook = (team = 'T0001') => `https://hooks.slack.com/services/${team}/B0002/${TOKEN}`;
const config = base('slack');

/** Errors Slack's incoming webhooks answer, by the team of the hook (api.slack.com/messaging/webhooks). */
const ERRORS: Record<string, [number, string]> = {
  TBAD: [400, 'invalid_payload'],
  TPROHIBITED: [403, 'action_prohibited'],
  TGONE: [404, 'no_service'],
  TNOCHANNEL: [404, 'channel_not_found'],
  TARCHIVED: [410, 'channel_is_archived'],
  TBUSY: [429, 'rate_limited'],
  TBROKEN: [500, 'rollup_error'],
};

function slack(req: RecordedRequest, res: http.ServerResponse): void {
  const [, , team, , token] = req.path.split('/');
  const answer = (status: number, text: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain', ...headers });
    res.end(text);
  };
  if (req.method !== 'POST' || token !== TOKEN) return answer(404, 'no_service');
  const error = ERRORS[team ?? ''];
  if (error) return answer(error[0], error[1], error[0] === 429 ? { 'Retry-After': '30' } : {});
  let payload: { text?: string; blocks?: { type: string; text?: { text: string } }[] };
  try {
    payload = JSON.parse(req.body) as typeof payload;
  } catch {
    return answer(400, 'invalid_payload');
  }
  const header = payload.blocks?.find((b) => b.type === 'header');
  if (!payload.text || !header || header.text!.text.length > 150)
    return answer(400, 'invalid_blocks');
  answer(200, 'ok');
}

let server: TestServer;
let targets: string[];
let fetch: FetchLike;
beforeEach(async () => {
  server = await startServer(slack);
  targets = [];
  fetch = routedTo(server, targets);
});
afterEach(() => server.close());

describe('Slack channel', () => {
  it('posts a Block Kit message to the hook and reads "ok" as sent', async () => {
    const n = expiringNotification();
    const result = await slackNotifier.send(n, config, hook(), context({ fetch }));
    expect(result).toEqual({ ok: true, retryable: false, detail: 'Slack accepted it (200)' });
    expect(targets).toEqual([hook()]);
    const sent = JSON.parse(server.requests[0]!.body) as ReturnType<typeof slackMessage>;
    expect(sent).toEqual(slackMessage(n.content));
    expect(sent.text).toBe(n.content.title);
    expect(sent.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'context',
      'section',
      'actions',
    ]);
    expect(sent.blocks[2]).toMatchObject({
      fields: expect.arrayContaining([{ type: 'mrkdwn', text: '*Days left*\n5', verbatim: true }]),
    });
    expect(sent.blocks[5]).toMatchObject({
      elements: [{ type: 'button', url: n.content.adminUrl }],
    });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('escapes the characters Slack reads as markup', () => {
    const n = failureNotification();
    const message = slackMessage({ ...n.content, summary: 'a <b> & c' });
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'a &lt;b&gt; &amp; c', verbatim: true },
    });
  });

  it.each(Object.entries(ERRORS))(
    '%s: Slack says it in words, never with the URL',
    async (team, [status, word]) => {
      const result = await slackNotifier.send(
        failureNotification(),
        config,
        hook(team),
        context({ fetch }),
      );
      expect(result).toMatchObject({
        ok: false,
        retryable: status === 429 || status >= 500,
        detail: `Slack answered ${status}: ${word}`,
      });
      if (status === 429) expect(result.retryAfterSeconds).toBe(30);
      expect(JSON.stringify(result)).not.toContain(TOKEN);
    },
  );

  it('retries when Slack cannot be reached, without naming the URL', async () => {
    await server.close();
    const result = await slackNotifier.send(
      failureNotification(),
      config,
      hook(),
      context({ fetch }),
    );
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(result.detail).toMatch(/^Slack did not answer: /);
    expect(result.detail).not.toContain(TOKEN);
  });

  it('reports an undeclared egress host as a settings problem, not a retry', async () => {
    const refusing: FetchLike = async (url) =>
      new Response(`URL not included in the external fetch backend permissions: ${url}`, {
        status: 403,
      }) as unknown as Awaited<ReturnType<FetchLike>>;
    const result = await slackNotifier.send(
      failureNotification(),
      config,
      hook(),
      context({ fetch: refusing }),
    );
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toContain('hooks.slack.com is not declared as egress');
    expect(result.detail).not.toContain(TOKEN);
  });

  it('sends nothing that carries the hook URL', async () => {
    await slackNotifier.send(failureNotification(), config, hook(), context({ fetch }));
    const { body, headers } = server.requests[0]!;
    expect(body).not.toContain(TOKEN);
    expect(JSON.stringify(headers)).not.toContain(TOKEN);
  });

  it('accepts only a hooks.slack.com incoming webhook URL', () => {
    expect(slackNotifier.validate(config, hook())).toEqual({});
    expect(slackNotifier.validate(config, null)).toEqual({
      secret: 'Paste the incoming webhook URL',
    });
    expect(slackNotifier.validate(config, hook().replace('https', 'http'))).toEqual({
      secret: 'The URL must start with https://',
    });
    expect(slackNotifier.validate(config, `https://evil.example/services/x/${TOKEN}`)).toEqual({
      secret: 'The host must be hooks.slack.com',
    });
    expect(slackNotifier.validate(config, 'https://hooks.slack.com/workflows/x')).toEqual({
      secret: 'An incoming webhook URL looks like https://hooks.slack.com/services/…',
    });
  });

  it('never sends with a URL that fails validation', async () => {
    const result = await slackNotifier.send(
      failureNotification(),
      config,
      'https://evil.example/services/a',
      context({ fetch }),
    );
    expect(result).toEqual({
      ok: false,
      retryable: false,
      detail: 'invalid settings: The host must be hooks.slack.com',
    });
    expect(server.requests).toHaveLength(0);
  });
});
