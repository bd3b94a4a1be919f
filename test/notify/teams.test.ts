import type http from 'node:http';
import { teamsMessage, teamsNotifier } from '../../src/notify/teams';
import type { FetchLike } from '../../src/http/client';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../support/server';
import { base, context, expiringNotification, failureNotification, routedTo } from './fixtures';

const SIG = 'kJ3n9Qw2Lx7Vb5Rt1Yp8Zs4Ud6Hc0Fm';
const FLOW = '86ffea6392fe4f3f9555f5e8f9b1f06e';
const workflowUrl = (flow = FLOW, sig = SIG) =>
  `https://default1c2d3e4f.09.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/${flow}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`;
const config = base('teams');

/**
 * Power Automate's answers by flow: a few known error codes, else 202 for a well-formed card.
 * The 202 is the Request trigger's answer when the workflow has no Response action (Microsoft
 * Learn, "Receive and respond to inbound HTTPS calls to workflows", Azure Logic Apps): the run is
 * queued and nothing is known yet of its "Post card in a chat or channel" step. Trigger URLs live
 * on `*.environment.api.powerplatform.com`; the old `*.logic.azure.com` ones stopped on 2025-11-30
 * (Microsoft Q&A 5606972, "Your flow has a new trigger URL"), so this double serves only the new.
 */
const ERRORS: Record<string, [number, string]> = {
  deleted: [404, 'WorkflowNotFound'],
  throttled: [429, 'WorkflowTriggerIsThrottled'],
  down: [502, 'BadGateway'],
  off: [403, 'WorkflowTriggerNotEnabled'],
};

function workflow(req: RecordedRequest, res: http.ServerResponse): void {
  const url = new URL(req.path, 'http://x');
  const flow = url.pathname.split('/')[5] ?? '';
  const error = (status: number, code: string, headers: Record<string, string> = {}) =>
    sendJson(res, status, { error: { code, message: `The request failed: ${code}.` } }, headers);
  if (url.searchParams.get('sig') !== SIG) {
    // Echoes what it was given, as a careless service might: the detail must still not show it.
    const message = `Signature ${url.searchParams.get('sig')} is not valid for ${req.path}`;
    return sendJson(res, 401, { error: { code: 'DirectApiAuthorizationRequired', message } });
  }
  const known = ERRORS[flow];
  if (known) return error(known[0], known[1], known[0] === 429 ? { 'Retry-After': '12' } : {});
  const body = JSON.parse(req.body) as ReturnType<typeof teamsMessage>;
  const card = body.attachments?.[0];
  if (body.type !== 'message' || card?.contentType !== 'application/vnd.microsoft.card.adaptive') {
    return error(400, 'TriggerInputSchemaMismatch');
  }
  res.writeHead(202);
  res.end();
}

let server: TestServer;
let targets: string[];
let fetch: FetchLike;
beforeEach(async () => {
  server = await startServer(workflow);
  targets = [];
  fetch = routedTo(server, targets);
});
afterEach(() => server.close());

describe('Teams channel', () => {
  it('posts an Adaptive Card 1.4 and reads 202 as sent, saying a 202 does not prove it was posted', async () => {
    const n = expiringNotification();
    const result = await teamsNotifier.send(n, config, workflowUrl(), context({ fetch }));
    expect(result).toEqual({
      ok: true,
      retryable: false,
      detail:
        'Teams accepted it (202): the workflow started, which does not prove the card was posted; look for it in the channel, or in the run history of the workflow',
    });
    // The ":443" is dropped: Forge matches egress on host and port.
    expect(targets[0]).toBe(workflowUrl().replace(':443', ''));
    const sent = JSON.parse(server.requests[0]!.body) as ReturnType<typeof teamsMessage>;
    expect(sent).toEqual(teamsMessage(n.content));
    const card = sent.attachments[0]!.content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toEqual({
      type: 'RichTextBlock',
      inlines: [
        {
          type: 'TextRun',
          text: n.content.title,
          weight: 'Bolder',
          size: 'Medium',
          color: 'Warning',
        },
      ],
    });
    expect(card.body[2]).toEqual({
      type: 'FactSet',
      facts: expect.arrayContaining([{ title: 'Days left', value: '5' }]),
    });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open Token Health', url: n.content.adminUrl },
    ]);
  });

  it('colours a failure as attention', () => {
    const card = teamsMessage(failureNotification().content).attachments[0]!.content;
    expect(card.body[0]).toMatchObject({ inlines: [{ color: 'Attention' }] });
  });

  it.each([
    ['deleted', 404, false],
    ['off', 403, false],
    ['throttled', 429, true],
    ['down', 502, true],
  ])('a %s workflow (%i) is retryable: %s', async (flow, status, retryable) => {
    const result = await teamsNotifier.send(
      failureNotification(),
      config,
      workflowUrl(flow),
      context({ fetch }),
    );
    expect(result).toMatchObject({ ok: false, retryable });
    expect(result.detail).toContain(`Teams answered ${status}: `);
    expect(JSON.stringify(result)).not.toContain(SIG);
    if (status === 429) expect(result.retryAfterSeconds).toBe(12);
  });

  it('a wrong signature is refused for good, and the detail does not repeat it', async () => {
    const wrong = 'Wr0ngSignatureValue000111';
    const result = await teamsNotifier.send(
      failureNotification(),
      config,
      workflowUrl(FLOW, wrong),
      context({ fetch }),
    );
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toContain('DirectApiAuthorizationRequired');
    expect(result.detail).not.toContain(wrong);
  });

  it('sends nothing that carries the workflow signature', async () => {
    await teamsNotifier.send(failureNotification(), config, workflowUrl(), context({ fetch }));
    const { body, headers } = server.requests[0]!;
    expect(body).not.toContain(SIG);
    expect(JSON.stringify(headers)).not.toContain(SIG);
  });

  it('accepts only https workflow URLs on the declared Power Platform host', () => {
    expect(teamsNotifier.validate(config, workflowUrl())).toEqual({});
    expect(teamsNotifier.validate(config, null)).toEqual({
      secret: 'Paste the workflow webhook URL',
    });
    expect(teamsNotifier.validate(config, workflowUrl().replace('https', 'http'))).toEqual({
      secret: 'The URL must start with https://',
    });
    expect(
      teamsNotifier.validate(config, 'https://environment.api.powerplatform.com.evil.example/x'),
    ).toEqual({ secret: 'The host must be *.environment.api.powerplatform.com' });
    expect(
      teamsNotifier.validate(
        config,
        'https://acme.webhook.office.com/webhookb2/abc/IncomingWebhook/x',
      ),
    ).toEqual({
      secret: 'Office 365 connector webhooks are retired: create a Teams Workflows webhook',
    });
  });

  it('refuses an old *.logic.azure.com trigger URL, saying it stopped working and where the new one is', async () => {
    const legacy =
      'https://prod-23.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=x';
    const { secret } = teamsNotifier.validate(config, legacy);
    expect(secret).toMatch(/^This is an old Workflows URL on \*\.logic\.azure\.com/);
    expect(secret).toMatch(/stopped working on 30 November 2025/);
    expect(secret).toMatch(/\*\.environment\.api\.powerplatform\.com/);
    expect(secret).toMatch(/copy its webhook link again/);
    // A stored one is never sent: the send fails for good with the same words.
    const result = await teamsNotifier.send(
      failureNotification(),
      config,
      legacy,
      context({ fetch }),
    );
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.detail).toMatch(/stopped working on 30 November 2025/);
    expect(server.requests).toHaveLength(0);
  });
});
