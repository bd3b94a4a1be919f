import type { IntegrationConfig } from './integration';

/**
 * Whose HTTP access tokens a Bitbucket Data Center token is listed among: a user's, a project's or
 * a repository's (Bitbucket REST reference, "Authentication": /access-tokens/latest/users/{userSlug},
 * /projects/{projectKey}, /projects/{projectKey}/repos/{repositorySlug}).
 */
export interface TokenScope {
  /** The path under /rest/access-tokens/latest, encoded. */
  path: string;
  /** In words: "user ci-bot", "project OPS", "repository OPS/deploy". */
  label: string;
  /** Who may manage these tokens with a password. */
  manager: string;
}

export function tokenScope(config: IntegrationConfig): TokenScope | null {
  const { projectKey, repoSlug, username } = config;
  if (projectKey && repoSlug) {
    return {
      path: `/projects/${encodeURIComponent(projectKey)}/repos/${encodeURIComponent(repoSlug)}`,
      label: `repository ${projectKey}/${repoSlug}`,
      manager: 'a repository admin',
    };
  }
  if (projectKey) {
    return {
      path: `/projects/${encodeURIComponent(projectKey)}`,
      label: `project ${projectKey}`,
      manager: 'a project admin',
    };
  }
  if (username) {
    return {
      path: `/users/${encodeURIComponent(username)}`,
      label: `user ${username}`,
      manager: username,
    };
  }
  return null;
}
