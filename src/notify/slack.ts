import type { AlertContent } from '../domain/alerts/content';
import { parseHttpUrl, urlProblem, urlSecrets, usableSecret } from './checks';
import { postJson } from './http';
import { clip, factsOf, oneLine, shortTitle, stepsText } from './text';
import type { SlackConfig } from '../domain/channels';
import type { Notifier } from './types';

/** Incoming webhooks live on this one host; declared as egress in manifest.yml. */
export const SLACK_EGRESS = ['hooks.slack.com'] as const;

// Block Kit limits (api.slack.com/reference/block-kit/blocks).
const HEADER_MAX = 150;
const TEXT_MAX = 3000;
const FIELD_MAX = 2000;

/**
 * Slack reads &, < and > as markup (links, mentions such as <!channel>) and asks for exactly
 * these three to be escaped as HTML entities ("Escaping text" in its formatting reference).
 */
const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `verbatim`: Slack then leaves a URL, #channel or @name typed into a name as plain text instead
 * of turning it into a link or a mention; our own <url|label> links still work.
 */
const mrkdwn = (text: string, max = TEXT_MAX) => ({
  type: 'mrkdwn',
  text: clip(text, max),
  verbatim: true,
});

/**
 * `<url|label>` with the URL normalised (WHATWG percent-encodes <, > and spaces) and its `|`
 * percent-encoded, so nothing in it ends the link or starts a label; & < > then escaped as Slack
 * asks. A URL that does not parse is left out and only its label shown.
 */
export function slackLink(url: string, label: string): string {
  const target = parseHttpUrl(url);
  if (!target) return escape(label);
  return `<${escape(target.href.replace(/\|/g, '%7C'))}|${escape(oneLine(label))}>`;
}

function whatToDo(c: AlertContent): string {
  const parts = [`*What to do:* ${escape(c.action)}`];
  if (c.renewal) {
    const links = c.renewal.links.map((l) => slackLink(l.url, l.label)).join(' · ');
    parts.push(`*${escape(c.renewal.title)}*\n${escape(stepsText(c.renewal.steps))}`, links);
  }
  return parts.filter((p) => p).join('\n\n');
}

/** The alert as a Block Kit message; `text` is what notifications and old clients show. */
export function slackMessage(c: AlertContent) {
  const evidence = c.evidence.map((e) => `• ${escape(e)}`).join('\n');
  return {
    text: escape(oneLine(c.title)),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: shortTitle(c, HEADER_MAX) } },
      { type: 'section', text: mrkdwn(escape(c.summary)) },
      {
        type: 'section',
        fields: factsOf(c).map((f) => mrkdwn(`*${f.title}*\n${escape(f.value)}`, FIELD_MAX)),
      },
      ...(evidence ? [{ type: 'context', elements: [mrkdwn(`*Evidence*\n${evidence}`)] }] : []),
      { type: 'section', text: mrkdwn(whatToDo(c)) },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open Token Health' },
            url: c.adminUrl,
            style: 'primary',
          },
        ],
      },
    ],
  };
}

function validate(secret: string | null): Record<string, string> {
  if (!secret) return { secret: 'Paste the incoming webhook URL' };
  const problem = urlProblem(secret, { hosts: SLACK_EGRESS });
  if (problem) return { secret: problem };
  if (!new URL(secret).pathname.startsWith('/services/')) {
    return { secret: 'An incoming webhook URL looks like https://hooks.slack.com/services/…' };
  }
  return {};
}

/**
 * A Slack incoming webhook. Its URL is the credential, so it is stored as a secret and never
 * shown; Slack answers 200 "ok", or a status with an error word (invalid_payload, no_service…).
 */
export const slackNotifier: Notifier<SlackConfig, string> = {
  validate: (_config, secret) => validate(secret),
  async send(n, _config, secret, ctx) {
    const url = usableSecret(secret, validate(secret));
    if (typeof url !== 'string') return url;
    const body = JSON.stringify(slackMessage(n.content));
    return postJson(ctx, { service: 'Slack', url, body, secrets: urlSecrets(url) });
  },
};
