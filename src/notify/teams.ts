import type { AlertContent } from '../domain/alerts/content';
import type { Severity } from '../domain/verdict';
import { parseHttpUrl, urlProblem, urlSecrets, usableSecret } from './checks';
import { postJson } from './http';
import { factsOf, stepsText } from './text';
import type { ChannelBase, Notifier } from './types';

export type TeamsConfig = ChannelBase & { type: 'teams' };

/**
 * Where Teams Workflows webhooks live: Power Automate's `*.environment.api.powerplatform.com`.
 * The older `*.logic.azure.com` trigger URLs stopped working on 2025-11-30 (Microsoft's notice in
 * Power Automate, "the old trigger URL … will cease working on 30 November 2025"; Microsoft Q&A
 * 5606972) and Office 365 connector URLs (`*.webhook.office.com`) are retired: neither is declared.
 */
export const TEAMS_EGRESS = ['*.environment.api.powerplatform.com'] as const;

const LEGACY_WORKFLOW =
  'This is an old Workflows URL on *.logic.azure.com: Microsoft moved Teams Workflows trigger URLs to *.environment.api.powerplatform.com, and the old ones stopped working on 30 November 2025. In Teams, open Workflows, choose this workflow and copy its webhook link again (its host ends in .environment.api.powerplatform.com), then paste it here';

/**
 * The workflow answers 202 when its run is queued, before its "post card" step runs (a Request
 * trigger without a Response action); whether the card reached the channel, Microsoft does not say.
 */
const ACCEPTED_ONLY =
  'the workflow started, which does not prove the card was posted; look for it in the channel, or in the run history of the workflow';

const COLOR: Record<Severity, string> = {
  critical: 'Attention',
  warning: 'Warning',
  ok: 'Good',
  unknown: 'Default',
};

const block = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

function renewal(c: AlertContent): object[] {
  if (!c.renewal) return [];
  const links = c.renewal.links.map((l) => `[${l.label}](${l.url})`).join(' · ');
  return [
    block(c.renewal.title, { weight: 'Bolder', spacing: 'Medium' }),
    block(stepsText(c.renewal.steps)),
    ...(links ? [block(links)] : []),
  ];
}

/** The alert as an Adaptive Card 1.4 (what Teams renders) in the message a workflow expects. */
export function teamsMessage(c: AlertContent) {
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      block(c.title, { weight: 'Bolder', size: 'Medium', color: COLOR[c.severity] }),
      block(c.summary),
      { type: 'FactSet', facts: factsOf(c) },
      ...(c.evidence.length > 0
        ? [block(c.evidence.map((e) => `- ${e}`).join('\n'), { isSubtle: true })]
        : []),
      block(`**What to do:** ${c.action}`),
      ...renewal(c),
    ],
    actions: [{ type: 'Action.OpenUrl', title: 'Open Token Health', url: c.adminUrl }],
  };
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card },
    ],
  };
}

function validate(secret: string | null): Record<string, string> {
  if (!secret) return { secret: 'Paste the workflow webhook URL' };
  const host = parseHttpUrl(secret.trim())?.hostname ?? '';
  if (host.endsWith('.webhook.office.com')) {
    return {
      secret: 'Office 365 connector webhooks are retired: create a Teams Workflows webhook',
    };
  }
  if (host.endsWith('.logic.azure.com')) return { secret: LEGACY_WORKFLOW };
  const problem = urlProblem(secret, { hosts: TEAMS_EGRESS });
  return problem ? { secret: problem } : {};
}

/**
 * A Microsoft Teams Workflows webhook ("When a Teams webhook request is received"). Its URL
 * carries its signature, so it is a secret; the workflow answers 202 Accepted (see ACCEPTED_ONLY).
 */
export const teamsNotifier: Notifier<TeamsConfig, string> = {
  validate: (_config, secret) => validate(secret),
  async send(n, _config, secret, ctx) {
    const url = usableSecret(secret, validate(secret));
    if (typeof url !== 'string') return url;
    // WHATWG drops the ":443" workflow URLs carry, which Forge's egress matching would not.
    const target = new URL(url).href;
    const body = JSON.stringify(teamsMessage(n.content));
    const result = await postJson(ctx, {
      service: 'Teams',
      url: target,
      body,
      secrets: urlSecrets(url),
    });
    return result.ok ? { ...result, detail: `${result.detail}: ${ACCEPTED_ONLY}` } : result;
  },
};
