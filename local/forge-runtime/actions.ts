/**
 * Rovo `action` modules, as the platform invokes them when an agent calls one
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/rovo-action/): the
 * function gets the inputs the agent filled in as top-level keys of its payload, beside a
 * `context` with the site's cloudId, the action's moduleKey and, where the chat happens in Jira,
 * what it is about (`jira`: url, resourceType, issueKey, projectKey…). The second argument is
 * the context every function gets (function-reference/arguments), whose principal is the user
 * chatting: actions run as that user. Whatever the function returns goes back to the agent.
 */
import { wire } from './payloads';

export type ActionInputType = 'string' | 'integer' | 'number' | 'boolean';

export interface ActionDef {
  key: string;
  functionKey: string;
  actionVerb: string;
  inputs: Map<string, { type: ActionInputType; required: boolean }>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The manifest's `modules.action` entries that name a function (endpoint ones are not run here). */
export function readActions(modules: Obj): Map<string, ActionDef> {
  const list = Array.isArray(modules.action) ? modules.action.filter(isObj) : [];
  return new Map(
    list
      .filter((a) => typeof a.function === 'string')
      .map((a) => {
        const inputs = Object.entries(isObj(a.inputs) ? a.inputs : {}).map(
          ([name, def]) =>
            [
              name,
              {
                type: String(isObj(def) ? def.type : 'string') as ActionInputType,
                required: isObj(def) && def.required === true,
              },
            ] as const,
        );
        const def: ActionDef = {
          key: String(a.key),
          functionKey: String(a.function),
          actionVerb: String(a.actionVerb),
          inputs: new Map(inputs),
        };
        return [def.key, def] as const;
      }),
  );
}

/** Where the chat happens, when it is in Jira: the documented `context.jira` fields. */
export interface JiraActionContext {
  url?: string;
  resourceType?: string;
  issueKey?: string;
  issueId?: number;
  issueType?: string;
  issueTypeId?: number;
  projectKey?: string;
  projectId?: number;
}

/**
 * The payload an action's function receives. The agent fills in only inputs the manifest
 * declares: an undeclared one is a mistake in the test, not something Rovo sends.
 */
export function actionPayload(
  action: ActionDef,
  inputs: Record<string, unknown>,
  cloudId: string,
  jira?: JiraActionContext,
): Obj {
  const unknown = Object.keys(inputs).filter((name) => !action.inputs.has(name));
  if (unknown.length > 0) {
    throw new Error(`action '${action.key}' declares no input ${unknown.join(', ')}`);
  }
  return wire({
    ...inputs,
    context: { cloudId, moduleKey: action.key, ...(jira ? { jira } : {}) },
  });
}
