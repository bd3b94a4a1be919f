import type { AlertContent } from '../domain/alerts/content';
import type { Severity } from '../domain/verdict';
import { parseHttpUrl, urlProblem, urlSecrets, usableSecret } from './checks';
import { postJson } from './http';
import { factsOf, oneLine, stepsText } from './text';
import type { TeamsConfig } from '../domain/channels';
import type { Notifier } from './types';

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

type Run = { text: string } & Record<string, unknown>;

/**
 * Every text that can carry a name or a service's words goes in a TextRun, which Teams shows as
 * written: a TextBlock (and a Fact) reads markdown, so a token named "[Renew now](https://…)"
 * would arrive as a link in an official alert. Fact values are the app's own words and numbers.
 */
const run = (text: string, extra: Record<string, unknown> = {}): Run => ({
  type: 'TextRun',
  text,
  ...extra,
});

const rich = (inlines: Run[], extra: Record<string, unknown> = {}) => ({
  type: 'RichTextBlock',
  inlines,
  ...extra,
});

/** A link whose label stays text: the URL is normalised, the label never parsed. */
function linkRun(label: string, url: string): Run | null {
  const target = parseHttpUrl(url);
  return target ? run(label, { selectAction: { type: 'Action.OpenUrl', url: target.href } }) : null;
}

function renewal(c: AlertContent): object[] {
  if (!c.renewal) return [];
  const links = c.renewal.links
    .map((l) => linkRun(l.label, l.url))
    .filter((l): l is Run => l !== null)
    .flatMap((l, i) => (i > 0 ? [run(' · '), l] : [l]));
  return [
    rich([run(c.renewal.title, { weight: 'Bolder' })], { spacing: 'Medium' }),
    rich([run(stepsText(c.renewal.steps))]),
    ...(links.length > 0 ? [rich(links)] : []),
  ];
}

/** The alert as an Adaptive Card 1.4 (what Teams renders) in the message a workflow expects. */
export function teamsMessage(c: AlertContent) {
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      rich([run(oneLine(c.title), { weight: 'Bolder', size: 'Medium', color: COLOR[c.severity] })]),
      rich([run(c.summary)]),
      { type: 'FactSet', facts: factsOf(c) },
      ...(c.evidence.length > 0
        ? [rich([run(c.evidence.map((e) => `- ${e}`).join('\n'), { isSubtle: true })])]
        : []),
      rich([run('What to do: ', { weight: 'Bolder' }), run(c.action)]),
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
